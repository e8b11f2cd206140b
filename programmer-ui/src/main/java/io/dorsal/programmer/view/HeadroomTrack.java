package io.dorsal.programmer.view;

import io.dorsal.programmer.model.Headroom;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * A slider with its headroom drawn on the track: a tick and a letter where each dose rule would first break (I contact
 * current, D charge density, k Shannon, V compliance, E electrode charge), the track past the first one shaded, and
 * the same in words in the slider's tooltip and accessible help ("Shannon limit from 6.9 mA"). Letters close together
 * share one place ("Dk"). The marks come from {@link Headroom}; this only draws them.
 */
final class HeadroomTrack extends StackPane {

    /** Marks closer than this (px) share one letter place. */
    private static final double SAME_PLACE_PX = 9;

    private final Slider slider;
    private final Pane overlay = new Pane();
    private final String unit;
    private final String help;
    private List<Headroom.Mark> marks;

    HeadroomTrack(Slider slider, ObservableValue<List<Headroom.Mark>> marks, String unit, String help) {
        this.slider = slider;
        this.unit = unit;
        this.help = help;
        this.marks = marks.getValue();
        setId(slider.getId() + "Headroom");
        overlay.setMouseTransparent(true);
        overlay.setManaged(false);
        getChildren().addAll(slider, overlay);
        setMinWidth(slider.getMinWidth());
        setMaxWidth(Double.MAX_VALUE);
        marks.addListener((obs, was, now) -> {
            this.marks = now;
            describe();
            requestLayout();
        });
        slider.minProperty().addListener((obs, was, now) -> requestLayout());
        slider.maxProperty().addListener((obs, was, now) -> requestLayout());
        describe();
    }

    /** The marks in words, for the tooltip, screen readers and tests. */
    String marksText() {
        if (marks.isEmpty()) {
            return "";
        }
        List<String> words = new ArrayList<>();
        for (Headroom.Mark m : marks) {
            if (m.value() >= slider.getMin() && m.value() <= slider.getMax()) {
                words.add(m.describe(unit));
            }
        }
        return words.isEmpty() ? "" : "Rules ahead: " + String.join("; ", words) + ".";
    }

    private void describe() {
        String text = marksText();
        slider.setTooltip(Controls.tip(text.isEmpty() ? help : help + " " + text));
        slider.setAccessibleHelp(text);
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        overlay.resizeRelocate(0, 0, getWidth(), getHeight());
        draw();
    }

    private void draw() {
        overlay.getChildren().clear();
        Node thumb = slider.lookup(".thumb");
        Node track = slider.lookup(".track");
        if (thumb == null || track == null || slider.getMax() <= slider.getMin()) {
            return;
        }
        // the slider's own geometry: the thumb's centre runs from half a thumb in to half a thumb short of the end
        Bounds sliderBounds = slider.getBoundsInParent();
        Bounds trackBounds = slider.localToParent(track.getBoundsInParent());
        double thumbWidth = thumb.getLayoutBounds().getWidth();
        double start = sliderBounds.getMinX() + slider.snappedLeftInset() + thumbWidth / 2;
        double length = slider.getWidth() - slider.snappedLeftInset() - slider.snappedRightInset() - thumbWidth;
        double centreY = trackBounds.getCenterY();
        double range = slider.getMax() - slider.getMin();
        double lastX = Double.NEGATIVE_INFINITY;
        Text lastLetter = null;
        boolean shaded = false;
        for (Headroom.Mark m : marks) {
            if (m.value() < slider.getMin() || m.value() > slider.getMax()) {
                continue;
            }
            double x = Math.round(start + length * (m.value() - slider.getMin()) / range) + 0.5;
            if (!shaded) {
                Rectangle zone = new Rectangle(x, centreY - 4, Math.max(0, trackBounds.getMaxX() - x), 8);
                zone.getStyleClass().add("headroom-zone");
                overlay.getChildren().add(zone);
                shaded = true;
            }
            Line tick = new Line(x, centreY - 6, x, centreY + 6);
            tick.getStyleClass().add("headroom-mark");
            overlay.getChildren().add(tick);
            if (lastLetter != null && x - lastX < SAME_PLACE_PX) {
                lastLetter.setText(lastLetter.getText() + m.letter());
                continue;
            }
            Text letter = new Text(x, centreY - 8, m.letter());
            letter.getStyleClass().add("headroom-letter");
            letter.setTextOrigin(VPos.BOTTOM);
            letter.setTextAlignment(TextAlignment.CENTER);
            overlay.getChildren().add(letter);
            lastLetter = letter;
            lastX = x;
        }
        for (Node n : overlay.getChildren()) {
            if (n instanceof Text t) {
                t.setX(t.getX() - t.getLayoutBounds().getWidth() / 2);
            }
        }
    }
}
