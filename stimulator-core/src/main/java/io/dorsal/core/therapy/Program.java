package io.dorsal.core.therapy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One stimulation program: which contacts carry what share of the current, and how pulses fall in time.
 *
 * @param name         the program's name, unique in a therapy
 * @param electrodes   contact to percentage of the amplitude: cathodes negative (sum -100), anodes
 *                     positive (sum +100); insertion order is kept
 * @param amplitudeMa  total cathodic current
 * @param pulseWidthUs duration of the stimulation (primary) phase
 * @param pattern      tonic, high frequency or burst, with its rates
 * @param recharge     active or passive charge balancing
 * @param rampS        soft start: seconds from zero to full amplitude when therapy starts and at each
 *                     cycle's on-time; 0 for none
 * @param cycle        on/off cycling, if any
 * @param patientRange the range the patient may adjust the amplitude in, if any
 */
public record Program(String name, Map<ContactId, Integer> electrodes, double amplitudeMa, int pulseWidthUs,
                      Pattern pattern, Recharge recharge, double rampS, Optional<Cycle> cycle,
                      Optional<PatientRange> patientRange) {

    public Program {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(recharge, "recharge");
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(patientRange, "patientRange");
        electrodes = Collections.unmodifiableMap(new LinkedHashMap<>(electrodes));
    }

    /** The same program at another amplitude. */
    public Program withAmplitudeMa(double newAmplitudeMa) {
        return new Program(name, electrodes, newAmplitudeMa, pulseWidthUs, pattern, recharge, rampS, cycle,
                patientRange);
    }

    /** The current a contact carries at this program's amplitude, signed (negative is cathodic), in uA. */
    public int contactCurrentUa(ContactId contact) {
        return contactCurrentUa(contact, amplitudeMa);
    }

    /** The current a contact carries at a given amplitude, signed (negative is cathodic), in uA. */
    public int contactCurrentUa(ContactId contact, double atAmplitudeMa) {
        Integer percent = electrodes.get(contact);
        if (percent == null) {
            return 0;
        }
        return (int) Math.round(Amplitudes.microamps(atAmplitudeMa) * (double) percent / 100.0);
    }
}
