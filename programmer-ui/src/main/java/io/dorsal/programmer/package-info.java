/**
 * The clinician programmer: the JavaFX application ({@link io.dorsal.programmer.ProgrammerApp}, started by
 * {@link io.dorsal.programmer.Main} from the {@code ./programmer} launcher) on an embedded simulated generator,
 * and the screenshot tour behind {@code programmer-ui/screenshots.sh}.
 */
package io.dorsal.programmer;
