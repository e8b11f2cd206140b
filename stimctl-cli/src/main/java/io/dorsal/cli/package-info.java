/** The {@code stimctl} command line: check and simulate program files (and, later, drive the rig). */
package io.dorsal.cli;
