/**
 * The program file: JSON read into a {@link io.dorsal.core.therapy.Therapy} and written back, with every form error
 * reported at its line and column (docs/program-format.md). Also what every reader of outside JSON shares: the
 * bounds of what is read ({@link io.dorsal.core.file.InputBounds}) and a strict reader's errors in words
 * ({@link io.dorsal.core.file.JsonProblems}, {@link io.dorsal.core.file.JsonFileException}), used by the
 * prescription file, the pin map and the link's messages.
 */
package io.dorsal.core.file;
