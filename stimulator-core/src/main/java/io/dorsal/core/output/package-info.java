/** The port through which therapy reaches electrodes ({@link io.dorsal.core.output.OutputStage}), and a simulated stage that records it. */
package io.dorsal.core.output;
