/**
 * The program file: JSON read into a {@link io.dorsal.core.therapy.Therapy} and written back, with every form error
 * reported at its line and column (docs/program-format.md), on the shared reader of {@code io.dorsal.core.json}.
 */
package io.dorsal.core.file;
