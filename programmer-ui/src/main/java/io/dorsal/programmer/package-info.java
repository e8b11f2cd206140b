/** The JavaFX clinician programmer (filled by the programmer issue). */
package io.dorsal.programmer;
