/**
 * The rules every pump prescription passes before a pump takes it: {@link io.dorsal.infusion.safety.PrescriptionValidator}
 * turns a {@link io.dorsal.infusion.prescription.Prescription} into a safe plan or a list of one-line
 * {@link io.dorsal.infusion.safety.Violation}s, each naming its rule and the hazard the rule holds off.
 */
package io.dorsal.infusion.safety;
