/** Running a therapy on a virtual clock: what the electrodes would receive, as phases or CSV. */
package io.dorsal.core.simulation;
