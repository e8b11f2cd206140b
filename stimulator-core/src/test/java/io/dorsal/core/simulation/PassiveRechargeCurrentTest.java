package io.dorsal.core.simulation;

import static io.dorsal.core.schedule.TimelineFixtures.lead;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.program;
import static io.dorsal.core.schedule.TimelineFixtures.simulate;
import static io.dorsal.core.schedule.TimelineFixtures.therapy;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Therapy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A passive recharge window shorter than the stimulation it balances must drive (on average) more current than
 * the stimulation did; either the validator refuses such a program, or what is delivered stays within the contact
 * current and compliance limits.
 */
class PassiveRechargeCurrentTest {

    /*
     * Bursts of 10 pulses at 1000 Hz, 100 bursts a second, 500 us at 2.0 mA on L1.0 -> L1.1 (12 mm2 contacts), passive
     * recharge over the rest of the burst period:
     *   burst period 10000 us; last pulse ends at 9 x 1000 + 500 = 9500 us; window = 10000 - 9500 = 500 us
     *   burst charge = 10 x 2000 uA x 500 us = 10,000,000 pC; recharge current = 10,000,000 / 500 = 20000 uA = 20 mA,
     *   above the 12.7 mA a contact may carry, and 20 mA x 1000 ohm = 20 V above the 12 V compliance.
     * Every stimulation figure is modest: 1 uC over 0.12 cm2 = 8.3 uC/cm2, k = 0.92, 2 V.
     */
    @Test
    void aPassiveRechargeWindowNeverDrivesMoreThanAContactMayCarry() {
        Therapy shortWindow = therapy(List.of(lead("L1", 8, 12.0)), program("burst").contact("L1.0", -100)
                .contact("L1.1", 100).amplitudeMa(2.0).pulseWidthUs(500).burst(10, 1000, 100).passive().build());
        DeviceLimits limits = shortWindow.limits();

        Validation validation = new SafetyValidator().validate(shortWindow);

        if (validation instanceof Validation.Safe safe) {
            List<DeliveredPhase> phases = simulate(safe.therapy(), ms(10));
            for (DeliveredPhase phase : phases) {
                for (double ua : phase.currentsUa()) {
                    assertThat(Math.abs(ua)).as("current in %s", phase)
                            .isLessThanOrEqualTo(limits.maxContactCurrentMa() * 1000.0);
                    assertThat(Math.abs(ua) * 1e-6 * limits.defaultImpedanceOhm()).as("drive voltage in %s", phase)
                            .isLessThanOrEqualTo(limits.complianceVoltageV());
                }
            }
        } else {
            assertThat(((Validation.Unsafe) validation).violations()).isNotEmpty();
        }
    }
}
