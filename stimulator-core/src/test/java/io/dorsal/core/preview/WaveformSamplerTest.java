package io.dorsal.core.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaveformSamplerTest {

    private static final ContactId L1_1 = ContactId.parse("L1.1");
    private static final ContactId L1_2 = ContactId.parse("L1.2");
    private static final long MS = 1_000_000L;

    private static ValidatedTherapy validated(Program... programs) {
        Therapy therapy = new Therapy(List.of(new Lead("L1", 8, 6.0)), List.of(programs), DeviceLimits.DEFAULTS);
        Validation validation = new SafetyValidator().validate(therapy);
        assertThat(validation).isInstanceOf(Validation.Safe.class);
        return ((Validation.Safe) validation).therapy();
    }

    private static Program tonic(double amplitudeMa, int pulseWidthUs, int rateHz, double rampS, Optional<Cycle> cycle) {
        Map<ContactId, Integer> electrodes = new LinkedHashMap<>();
        electrodes.put(L1_2, -100);
        electrodes.put(L1_1, 100);
        return new Program("p", electrodes, amplitudeMa, pulseWidthUs, new Pattern.Tonic(rateHz),
                Recharge.Active.symmetric(20), rampS, cycle, Optional.empty());
    }

    @Test
    void samplesEveryPhaseThatStartsInTheWindowPerContact() {
        ValidatedTherapy therapy = validated(tonic(4.0, 300, 50, 0, Optional.empty()));

        Waveform waveform = WaveformSampler.sample(therapy, 0, 40 * MS);

        assertThat(waveform.contacts()).containsExactly(L1_1, L1_2);
        // two pulses (0 and 20 ms), each a stim and a recharge phase, on two contacts
        assertThat(waveform.segmentCount()).isEqualTo(8);
        assertThat(waveform.segmentStartNs(0)).isZero();
        assertThat(waveform.segmentEndNs(0)).isEqualTo(300_000L);
        assertThat(waveform.peakUa(waveform.contacts().indexOf(L1_2))).isEqualTo(4000.0);
        assertThat(waveform.truncated()).isFalse();
    }

    @Test
    void stimulationIsCathodicOnTheCathodeAndWholePulsesAreChargeBalanced() {
        Waveform waveform = WaveformSampler.sample(validated(tonic(4.0, 300, 50, 0, Optional.empty())), 0, 40 * MS);
        int cathode = waveform.contacts().indexOf(L1_2);
        int anode = waveform.contacts().indexOf(L1_1);

        assertThat(waveform.netChargePc(cathode)).isCloseTo(0.0, within(1e-6));
        assertThat(waveform.netChargePc(anode)).isCloseTo(0.0, within(1e-6));
        int firstOnCathode = 0;
        while (waveform.segmentContact(firstOnCathode) != cathode) {
            firstOnCathode++;
        }
        assertThat(waveform.segmentCurrentUa(firstOnCathode)).isEqualTo(-4000.0);
    }

    @Test
    void ignoresTheInitialSoftStartSoThePreviewShowsTheProgrammedAmplitude() {
        Waveform waveform = WaveformSampler.sample(validated(tonic(4.0, 300, 50, 5.0, Optional.empty())), 0, 20 * MS);

        assertThat(waveform.peakUa()).isEqualTo(4000.0);
    }

    @Test
    void aWindowInTheCyclingOffTimeIsSilent() {
        ValidatedTherapy therapy = validated(tonic(4.0, 300, 50, 0, Optional.of(new Cycle(1, 2))));

        Waveform off = WaveformSampler.sample(therapy, 1_500 * MS, 200 * MS);
        Waveform on = WaveformSampler.sample(therapy, 500 * MS, 200 * MS);

        assertThat(off.segmentCount()).isZero();
        assertThat(on.segmentCount()).isPositive();
    }

    @Test
    void envelopeHoldsEachSlicesLowestAndHighestCurrentWithTheBaseline() {
        Waveform waveform = WaveformSampler.sample(validated(tonic(4.0, 300, 50, 0, Optional.empty())), 0, 20 * MS);
        int cathode = waveform.contacts().indexOf(L1_2);

        // 20 ms in 100 slices of 200 us: slice 0 holds the stimulation phase, slice 1 its end and the recharge
        Waveform.Envelope envelope = waveform.envelope(cathode, 100);

        assertThat(envelope.columns()).isEqualTo(100);
        assertThat(envelope.minUa(0)).isEqualTo(-4000.0);
        assertThat(envelope.maxUa(0)).isZero();
        assertThat(envelope.maxUa(1)).isEqualTo(4000.0);
        assertThat(envelope.minUa(50)).isZero();
        assertThat(envelope.maxUa(50)).isZero();
    }

    @Test
    void stopsAtTheLimitAndSaysSo() {
        Waveform waveform = WaveformSampler.sample(validated(tonic(4.0, 300, 50, 0, Optional.empty())), 0, 1_000 * MS, 10);

        assertThat(waveform.truncated()).isTrue();
        assertThat(waveform.segmentCount()).isEqualTo(20);
    }

    @Test
    void refusesAnEmptyWindow() {
        ValidatedTherapy therapy = validated(tonic(4.0, 300, 50, 0, Optional.empty()));

        assertThatThrownBy(() -> WaveformSampler.sample(therapy, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaveformSampler.sample(therapy, -1, MS)).isInstanceOf(IllegalArgumentException.class);
    }
}
