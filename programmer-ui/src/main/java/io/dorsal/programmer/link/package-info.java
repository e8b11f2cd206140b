/**
 * The programmer's connection to a stimulator: the {@link io.dorsal.programmer.link.StimulatorLink} port and
 * its embedded implementation, a simulated pulse generator running inside the app.
 */
package io.dorsal.programmer.link;
