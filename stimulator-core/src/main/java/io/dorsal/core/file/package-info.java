/**
 * The program file: JSON read into a {@link io.dorsal.core.therapy.Therapy} and written back, with every form error
 * reported at its line and column (docs/program-format.md).
 */
package io.dorsal.core.file;
