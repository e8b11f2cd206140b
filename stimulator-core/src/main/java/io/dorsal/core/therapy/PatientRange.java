package io.dorsal.core.therapy;

/**
 * The amplitudes a patient may choose with a remote, set by the clinician.
 *
 * @param minMa lowest amplitude the patient may step down to
 * @param maxMa highest amplitude the patient may step up to
 */
public record PatientRange(double minMa, double maxMa) {

    public boolean contains(double amplitudeMa) {
        return amplitudeMa >= minMa - Amplitudes.EPSILON_MA && amplitudeMa <= maxMa + Amplitudes.EPSILON_MA;
    }
}
