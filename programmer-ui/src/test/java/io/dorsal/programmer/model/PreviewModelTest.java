package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.therapy.ContactId;
import org.junit.jupiter.api.Test;

class PreviewModelTest {

    private final Fixture f = new Fixture();
    private final PreviewModel preview = f.session.preview();

    @Test
    void samplesTheDraftsEnabledProgramsOverTheWindow() {
        assertThat(preview.waveform().contacts()).extracting(ContactId::toString)
                .containsExactly("L1.1", "L1.2", "L1.3", "L2.4", "CASE");
        assertThat(preview.waveform().windowNs()).isEqualTo(50_000_000L);
        assertThat(preview.staleProperty().get()).isFalse();
    }

    @Test
    void followsTheWindowAndEveryEdit() {
        int before = preview.samples();

        preview.windowMsProperty().set(preview.twoPeriodsMs());
        f.programmer().fields().amplitudeMaProperty().set(5.0);

        assertThat(preview.waveform().windowNs()).isEqualTo(40_000_000L);
        assertThat(preview.waveform().peakUa(preview.waveform().contacts().indexOf(ContactId.parse("L1.2"))))
                .isEqualTo(5000.0);
        assertThat(preview.samples()).isEqualTo(before + 2);
    }

    @Test
    void keepsTheLastSafeWaveformMarkedStaleWhileTheDraftIsUnsafe() {
        f.programmer().fields().amplitudeMaProperty().set(9.0);

        assertThat(preview.staleProperty().get()).isTrue();
        assertThat(preview.captionProperty().get()).contains("not safe");
        assertThat(preview.waveform().peakUa()).isEqualTo(4000.0);
    }

    @Test
    void aWholeCycleWindowCoversOnAndOffTime() {
        preview.windowMsProperty().set(preview.cycleMs());

        assertThat(preview.waveform().windowNs()).isEqualTo(180_000_000_000L);
        assertThat(preview.waveform().truncated()).isFalse();
    }

    @Test
    void editsWithinOneFrameCostOneSampleAndAStaleWaveformIsTheLastSafeOne() {
        java.util.List<Runnable> frame = new java.util.ArrayList<>();
        PreviewModel deferred = new PreviewModel(f.programmer(), frame::add);
        int before = deferred.samples();

        f.programmer().cycleContact(ContactId.parse("L1.4"));   // safe
        f.programmer().fields().amplitudeMaProperty().set(9.0);          // unsafe, in the same frame
        frame.forEach(Runnable::run);

        assertThat(frame).hasSize(1);
        assertThat(deferred.samples()).isEqualTo(before + 1);
        assertThat(deferred.staleProperty().get()).isTrue();
        assertThat(deferred.waveform().contacts()).contains(ContactId.parse("L1.4"));
    }
}
