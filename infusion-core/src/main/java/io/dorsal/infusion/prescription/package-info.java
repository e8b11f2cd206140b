/** A pump prescription: drug and concentration, infusion mode, one-off boluses, patient bolus, reservoir and catheter. */
package io.dorsal.infusion.prescription;
