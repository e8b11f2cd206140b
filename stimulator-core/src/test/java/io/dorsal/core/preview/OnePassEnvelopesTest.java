package io.dorsal.core.preview;

import static io.dorsal.testing.Generators.intBetween;
import static io.dorsal.testing.Generators.longBetween;
import static io.dorsal.testing.Generators.oneOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.schedule.GeneratedTherapies;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.testing.Cases;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The preview's one-pass redraw: one sweep over the segments fills every row's envelope exactly as the per-row
 * envelope did, and the sampler's arrays are sized from the table (the bound holds, so they never grow).
 */
class OnePassEnvelopesTest {

    /** A therapy, the window sampled and the canvas's columns. */
    record Case(Therapy therapy, long fromNs, long windowNs, int columns) {
    }

    /** A generated therapy, a window from 0.5 ms to 2 s starting up to 20 s in, and 1 to 2,000 columns. */
    static Case draw(RandomGenerator r) {
        return new Case(GeneratedTherapies.therapy(r), longBetween(r, 0, 20_000_000_000L), oneOf(r, 500_000L,
                20_000_000L, 1_000_000_000L, longBetween(r, 100_000L, 2_000_000_000L)),
                oneOf(r, 1, 7, 640, 1_000, intBetween(r, 1, 2_000)));
    }

    /** 200 accepted therapies of 1 to 4 programs (tonic, 10 kHz, burst, ramps), windows from 0.5 ms to 2 s. */
    @TestFactory
    Stream<DynamicTest> everyRowOfTheOnePassEnvelopesEqualsItsPerRowEnvelope() {
        return Cases.of(OnePassEnvelopesTest::draw)
                .count(200).where(c -> validated(c.therapy()) != null).maxDiscardRatio(20)
                .check(OnePassEnvelopesTest::check);
    }

    private static void check(Case c) {
        ValidatedTherapy therapy = validated(c.therapy());
        Waveform waveform = WaveformSampler.sample(therapy, c.fromNs(), c.windowNs());

        assertThat(waveform.segmentCount()).as("the table's bound on the window's segments")
                .isLessThanOrEqualTo(WaveformSampler.segmentsAtMost(PulseTable.compile(therapy), c.windowNs(),
                        WaveformSampler.DEFAULT_MAX_PHASES));
        Waveform.Envelopes all = waveform.envelopes(c.columns());
        assertThat(all.rows()).isEqualTo(waveform.contacts().size());
        for (int r = 0; r < all.rows(); r++) {
            Waveform.Envelope one = waveform.envelope(r, c.columns());
            for (int col = 0; col < c.columns(); col++) {
                assertThat(all.minUa(r, col)).as("row %d column %d min", r, col).isEqualTo(one.minUa(col));
                assertThat(all.maxUa(r, col)).as("row %d column %d max", r, col).isEqualTo(one.maxUa(col));
            }
            assertThat(all.peakUa(r)).as("row %d peak", r).isEqualTo(waveform.peakUa(r));
        }
    }

    /**
     * The streamed redraw (the scheduler straight into the envelopes, no segments) equals the sampled waveform's
     * envelopes, for the same 200 kinds of therapy and window; one pass is reused for three windows (later, earlier,
     * the first again) so that its restart is covered, and a small phase limit gives the same truncation.
     */
    @TestFactory
    Stream<DynamicTest> theStreamedRedrawEqualsTheSampledWaveformsEnvelopes() {
        return Cases.of(OnePassEnvelopesTest::draw)
                .count(200).where(c -> validated(c.therapy()) != null).maxDiscardRatio(20)
                .check(OnePassEnvelopesTest::checkStreamed);
    }

    private static void checkStreamed(Case c) {
        ValidatedTherapy therapy = validated(c.therapy());
        PreviewPass pass = new PreviewPass(therapy);
        Waveform.Envelopes streamed = new Waveform.Envelopes(pass.contacts().size(), c.columns());
        long[] froms = {c.fromNs(), c.fromNs() / 3, c.fromNs()};
        for (long fromNs : froms) {
            Waveform waveform = WaveformSampler.sample(therapy, fromNs, c.windowNs());
            boolean truncated = pass.envelopesInto(fromNs, c.windowNs(), streamed);
            assertThat(pass.contacts()).isEqualTo(waveform.contacts());
            assertThat(truncated).isEqualTo(waveform.truncated());
            assertSameEnvelopes(streamed, waveform.envelopes(c.columns()), "from " + fromNs);
        }
        int limit = 3;
        Waveform cut = WaveformSampler.sample(therapy, c.fromNs(), c.windowNs(), limit);
        assertThat(pass.envelopesInto(c.fromNs(), c.windowNs(), streamed, limit)).isEqualTo(cut.truncated());
        assertSameEnvelopes(streamed, cut.envelopes(c.columns()), "at most " + limit + " phases");
    }

    private static void assertSameEnvelopes(Waveform.Envelopes actual, Waveform.Envelopes expected, String what) {
        assertThat(actual.rows()).isEqualTo(expected.rows());
        for (int r = 0; r < expected.rows(); r++) {
            for (int col = 0; col < expected.columns(); col++) {
                assertThat(actual.minUa(r, col)).as("%s: row %d column %d min", what, r, col)
                        .isEqualTo(expected.minUa(r, col));
                assertThat(actual.maxUa(r, col)).as("%s: row %d column %d max", what, r, col)
                        .isEqualTo(expected.maxUa(r, col));
            }
            assertThat(actual.peakUa(r)).as("%s: row %d peak", what, r).isEqualTo(expected.peakUa(r));
        }
    }

    @Test
    void envelopesReusedForAnotherWaveformHoldOnlyTheNewOne() {
        ValidatedTherapy therapy = firstSafe();
        Waveform a = WaveformSampler.sample(therapy, 0, 50_000_000L);
        Waveform b = WaveformSampler.sample(therapy, 7_000_000_000L, 5_000_000L);
        Waveform.Envelopes reused = new Waveform.Envelopes(a.contacts().size(), 300);

        a.envelopesInto(reused);
        b.envelopesInto(reused);

        Waveform.Envelopes fresh = b.envelopes(300);
        for (int r = 0; r < reused.rows(); r++) {
            for (int col = 0; col < 300; col++) {
                assertThat(reused.minUa(r, col)).isEqualTo(fresh.minUa(r, col));
                assertThat(reused.maxUa(r, col)).isEqualTo(fresh.maxUa(r, col));
            }
            assertThat(reused.peakUa(r)).isEqualTo(fresh.peakUa(r));
        }
    }

    @Test
    void envelopesOfAnotherRowCountAreRefused() {
        Waveform w = WaveformSampler.sample(firstSafe(), 0, 10_000_000L);

        assertThatThrownBy(() -> w.envelopesInto(new Waveform.Envelopes(w.contacts().size() + 1, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows");
        assertThatThrownBy(() -> new Waveform.Envelopes(2, 0)).isInstanceOf(IllegalArgumentException.class);
        PreviewPass pass = new PreviewPass(firstSafe());
        assertThatThrownBy(() -> pass.envelopesInto(0, 10_000_000L, new Waveform.Envelopes(pass.contacts().size() + 1, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows");
        assertThatThrownBy(() -> pass.envelopesInto(0, 0, new Waveform.Envelopes(pass.contacts().size(), 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }

    /** The first accepted therapy that seed 42 generates. */
    private static ValidatedTherapy firstSafe() {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
        for (int i = 0; i < 1_000; i++) {
            ValidatedTherapy therapy = validated(GeneratedTherapies.therapy(random));
            if (therapy != null) {
                return therapy;
            }
        }
        throw new IllegalStateException("seed 42 generated no accepted therapy in 1,000 draws");
    }

    private static ValidatedTherapy validated(Therapy therapy) {
        return new SafetyValidator().validate(therapy) instanceof Validation.Safe safe ? safe.therapy() : null;
    }
}
