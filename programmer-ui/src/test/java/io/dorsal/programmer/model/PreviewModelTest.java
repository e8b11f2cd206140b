package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.therapy.ContactId;
import org.junit.jupiter.api.Test;

class PreviewModelTest {

    private final Fixture f = new Fixture();
    private final PreviewModel preview = f.session.preview();

    @Test
    void samplesTheDraftsEnabledProgramsOverTheWindow() {
        assertThat(preview.frame().contacts()).extracting(ContactId::toString)
                .containsExactly("L1.1", "L1.2", "L1.3", "L2.4", "CASE");
        assertThat(preview.frame().windowNs()).isEqualTo(50_000_000L);
        assertThat(preview.staleProperty().get()).isFalse();
    }

    @Test
    void followsTheWindowAndEveryEdit() {
        int before = preview.samples();

        preview.windowMsProperty().set(preview.twoPeriodsMs());
        f.programmer().fields().amplitudeMaProperty().set(5.0);

        assertThat(preview.frame().windowNs()).isEqualTo(40_000_000L);
        assertThat(preview.frame().peakUa(preview.frame().contacts().indexOf(ContactId.parse("L1.2"))))
                .isEqualTo(5000.0);
        assertThat(preview.samples()).isEqualTo(before + 2);
    }

    @Test
    void keepsTheLastSafeWaveformMarkedStaleWhileTheDraftIsUnsafe() {
        f.programmer().fields().amplitudeMaProperty().set(9.0);

        assertThat(preview.staleProperty().get()).isTrue();
        assertThat(preview.captionProperty().get()).contains("not safe");
        assertThat(preview.frame().peakUa()).isEqualTo(4000.0);
    }

    @Test
    void aWholeCycleWindowCoversOnAndOffTime() {
        preview.windowMsProperty().set(preview.cycleMs());

        assertThat(preview.frame().windowNs()).isEqualTo(180_000_000_000L);
        assertThat(preview.frame().truncated()).isFalse();
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
        assertThat(deferred.frame().contacts()).contains(ContactId.parse("L1.4"));
    }

    @Test
    void aNewWidthFillsAFrameAtThatWidthAndTheSameWidthReadsTheFrameAsItIs() {
        int before = preview.samples();
        PreviewFrame wide = preview.frame();

        preview.columns(640);
        PreviewFrame narrow = preview.frame();
        preview.columns(640);

        assertThat(wide.envelopes().columns()).isEqualTo(PreviewModel.DEFAULT_COLUMNS);
        assertThat(narrow.envelopes().columns()).isEqualTo(640);
        assertThat(preview.frame()).isSameAs(narrow);
        assertThat(preview.samples()).isEqualTo(before + 1);
        // the same peaks at any width: the window and the therapy did not change
        for (int r = 0; r < narrow.contacts().size(); r++) {
            assertThat(narrow.peakUa(r)).isEqualTo(wide.peakUa(r));
        }
        int l12 = narrow.contacts().indexOf(ContactId.parse("L1.2"));
        double lowest = 0;
        for (int c = 0; c < 640; c++) {
            lowest = Math.min(lowest, narrow.envelopes().minUa(l12, c));
        }
        assertThat(-lowest).isEqualTo(narrow.peakUa(l12));
    }
}
