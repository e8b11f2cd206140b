package io.dorsal.core.therapy;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A lead in the epidural space.
 *
 * @param name                the lead's name, used in contact names ({@code L1} gives {@code L1.0} ...)
 * @param contactCount        number of contacts on the lead (8, 12 or 16 on commercial leads)
 * @param contactAreaMm2      surface of one contact in mm2, which sets its charge density
 * @param impedanceOhm        impedance of every contact of the lead, when known
 * @param contactImpedanceOhm impedances of single contacts by index, overriding {@code impedanceOhm}
 * @param couplingCapacitanceUf the coupling capacitor in series with each contact of this lead, when it is not the
 *                            device's ({@link DeviceLimits#couplingCapacitanceUf()})
 * @param layout              how its contacts lie and where it lies over the spine, when the file says
 */
public record Lead(String name, int contactCount, double contactAreaMm2, OptionalDouble impedanceOhm,
                   Map<Integer, Double> contactImpedanceOhm, OptionalDouble couplingCapacitanceUf,
                   Optional<LeadLayout> layout) {

    public Lead {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(impedanceOhm, "impedanceOhm");
        Objects.requireNonNull(couplingCapacitanceUf, "couplingCapacitanceUf");
        Objects.requireNonNull(layout, "layout");
        contactImpedanceOhm = Map.copyOf(contactImpedanceOhm);
    }

    /** A lead without a stated layout. */
    public Lead(String name, int contactCount, double contactAreaMm2, OptionalDouble impedanceOhm,
                Map<Integer, Double> contactImpedanceOhm, OptionalDouble couplingCapacitanceUf) {
        this(name, contactCount, contactAreaMm2, impedanceOhm, contactImpedanceOhm, couplingCapacitanceUf,
                Optional.empty());
    }

    /** The layout to draw it with: its own, or a typical percutaneous lead's of its contact area, at an unknown place. */
    public LeadLayout layoutOrTypical() {
        return layout.orElseGet(() -> LeadLayout.typicalPercutaneous(contactAreaMm2));
    }

    /** A lead on the device's coupling capacitors. */
    public Lead(String name, int contactCount, double contactAreaMm2, OptionalDouble impedanceOhm,
                Map<Integer, Double> contactImpedanceOhm) {
        this(name, contactCount, contactAreaMm2, impedanceOhm, contactImpedanceOhm, OptionalDouble.empty());
    }

    /** A lead whose contact impedances are unknown. */
    public Lead(String name, int contactCount, double contactAreaMm2) {
        this(name, contactCount, contactAreaMm2, OptionalDouble.empty(), Map.of());
    }

    /** The modelled impedance of one contact, or empty when neither the lead nor the contact states one. */
    public OptionalDouble impedanceOhmOf(int index) {
        Double own = contactImpedanceOhm.get(index);
        return own != null ? OptionalDouble.of(own) : impedanceOhm;
    }

    public ContactId contact(int index) {
        return new ContactId(name, index);
    }
}
