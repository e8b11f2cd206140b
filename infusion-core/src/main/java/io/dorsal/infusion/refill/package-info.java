/** The refill (expected against drawn-back volume, the next dates) and the interrogation report a clinician keeps. */
package io.dorsal.infusion.refill;
