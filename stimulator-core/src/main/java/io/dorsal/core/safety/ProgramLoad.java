package io.dorsal.core.safety;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a program asks of its current sources and electrodes at one amplitude: each contact's load, and the voltage
 * of its current path, from the cathodes through the tissue to the anodes.
 *
 * <p>Every contact has a current source of its own, referenced to the generator's rails; the tissue between the
 * contacts floats. So the compliance the path needs is the highest drive among the cathodes plus the highest among
 * the anodes (each |I| x R plus its capacitor's voltage): bipolar 6 mA on two 1,900 ohm contacts needs 22.8 V, not
 * the 11.4 V of one contact.
 *
 * @param amplitudeMa the amplitude the figures are for
 * @param contacts    each contact's load, in the program's contact order
 */
public record ProgramLoad(double amplitudeMa, List<ContactLoad> contacts) {

    public ProgramLoad {
        contacts = List.copyOf(contacts);
    }

    /** The cathode that needs the highest drive voltage, if any. */
    public Optional<ContactLoad> cathode() {
        return contacts.stream().filter(c -> c.currentMa() < 0).max(Comparator.comparingDouble(ContactLoad::driveVoltageV));
    }

    /** The anode that needs the highest drive voltage, if any. */
    public Optional<ContactLoad> anode() {
        return contacts.stream().filter(c -> c.currentMa() > 0).max(Comparator.comparingDouble(ContactLoad::driveVoltageV));
    }

    /** The voltage the current path needs: the highest cathode drive plus the highest anode drive. */
    public double pathVoltageV() {
        return cathode().map(ContactLoad::driveVoltageV).orElse(0.0) + anode().map(ContactLoad::driveVoltageV).orElse(0.0);
    }

    /** The contact whose electrode holds the most charge per area in steady state, if any. */
    public Optional<ContactLoad> mostHeld() {
        return contacts.stream().max(Comparator.comparingDouble(ContactLoad::heldChargeUcPerCm2));
    }
}
