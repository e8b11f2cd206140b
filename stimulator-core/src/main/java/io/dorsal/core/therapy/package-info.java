/** The therapy as a clinician or a file states it: leads, contacts, programs and device limits, as immutable records. */
package io.dorsal.core.therapy;
