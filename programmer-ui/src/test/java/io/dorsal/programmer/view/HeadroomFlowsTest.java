package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.programmer.model.Field;
import io.dorsal.programmer.model.Fixture;
import io.dorsal.programmer.model.Headroom;
import java.util.List;
import javafx.scene.control.Slider;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The headroom marks drawn on the sliders' tracks, with letters and words, where the model puts them. */
@ExtendWith(ApplicationExtension.class)
class HeadroomFlowsTest {

    private Fixture f;

    @Start
    void start(Stage stage) {
        f = new Fixture();
        TestWindows.show(stage, new MainView(f.session, new NoDialogs()));
    }

    @Test
    void theAmplitudeTrackShowsEachRuleAheadWithItsLetterAtItsValue(FxRobot robot) {
        HeadroomTrack track = robot.lookup("#amplitudeSliderHeadroom").queryAs(HeadroomTrack.class);
        Slider slider = robot.lookup("#amplitudeSlider").queryAs(Slider.class);
        List<Headroom.Mark> marks = f.programmer().headroom().marksProperty(Field.AMPLITUDE).get();

        String letters = String.join("", track.lookupAll(".headroom-letter").stream().map(n -> ((Text) n).getText()).toList());
        assertThat(letters).contains("D").contains("k");
        assertThat(letters.length()).isEqualTo(marks.size());
        assertThat(track.lookupAll(".headroom-mark")).hasSize(marks.size());
        // in words too, for the tooltip and screen readers
        assertThat(track.marksText()).startsWith("Rules ahead: ").contains("charge density from ").contains(" mA");
        assertThat(slider.getAccessibleHelp()).isEqualTo(track.marksText());
        // the first tick sits where the slider puts the thumb for that value: move the thumb there and compare
        double first = marks.getFirst().value();
        double tickX = track.lookupAll(".headroom-mark").stream().mapToDouble(n -> ((javafx.scene.shape.Line) n).getStartX())
                .min().orElseThrow();
        robot.interact(() -> slider.setValue(first));
        WaitForAsyncUtils.waitForFxEvents();
        var thumb = slider.lookup(".thumb");
        double thumbCentre = track.sceneToLocal(thumb.localToScene(thumb.getLayoutBounds())).getCenterX();
        assertThat(Math.abs(thumbCentre - tickX)).isLessThan(1.5);
    }

    @Test
    void anEditRedrawsTheOtherTrack(FxRobot robot) {
        HeadroomTrack width = robot.lookup("#pulseWidthSliderHeadroom").queryAs(HeadroomTrack.class);
        robot.interact(() -> f.programmer().fields().patientRangeOnProperty().set(false));
        String before = width.marksText();

        robot.interact(() -> f.programmer().fields().amplitudeMaProperty().set(5.0));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(width.marksText()).isNotEqualTo(before).contains("charge density from ");
    }
}
