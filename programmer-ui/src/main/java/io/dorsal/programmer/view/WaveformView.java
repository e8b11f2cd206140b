package io.dorsal.programmer.view;

import io.dorsal.core.preview.Waveform;
import io.dorsal.core.safety.Figures;
import io.dorsal.programmer.model.PreviewFrame;
import io.dorsal.programmer.model.PreviewModel;
import java.util.ArrayList;
import java.util.List;
import io.dorsal.programmer.theme.Palette;
import io.dorsal.programmer.theme.Theme;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The live waveform preview: per contact, the current core's scheduler would deliver over the chosen window,
 * drawn on a canvas from the preview's per-pixel envelopes, filled by core in one pass at the canvas's width (so a
 * window of thousands of pulses draws as fast as one of two). Cathodic current is drawn down in blue, anodic up in red (the direction says it without the colour), in the
 * theme's colours. The window slider is logarithmic.
 */
final class WaveformView extends VBox {

    private static final double LABEL_WIDTH = 92;
    private static final double AXIS_HEIGHT = 16;

    private final PreviewModel preview;
    private final Canvas canvas = new Canvas();
    private final ObservableValue<Theme> theme;
    private int draws;

    WaveformView(PreviewModel preview, ObservableValue<Theme> theme) {
        this.preview = preview;
        this.theme = theme;
        theme.addListener((obs, was, now) -> redraw());
        setId("previewPane");
        getStyleClass().add("pane");
        setSpacing(4);
        setPadding(new Insets(8));

        Label title = Controls.label("Waveform preview", "section-title");
        Label caption = new Label();
        caption.setId("previewCaption");
        caption.getStyleClass().add("hint");
        caption.textProperty().bind(preview.captionProperty());
        HBox head = new HBox(8, title, caption);
        head.setAlignment(Pos.BASELINE_LEFT);

        canvas.setId("preview");
        Pane holder = new Pane(canvas);
        holder.setMinHeight(120);
        holder.setPrefHeight(200);
        VBox.setVgrow(holder, Priority.ALWAYS);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener((obs, was, now) -> redraw());
        canvas.heightProperty().addListener((obs, was, now) -> redraw());

        Slider window = new Slider(Math.log10(PreviewModel.MIN_WINDOW_MS), Math.log10(PreviewModel.MAX_WINDOW_MS),
                Math.log10(preview.windowMsProperty().get()));
        window.setId("previewWindow");
        HBox.setHgrow(window, Priority.ALWAYS);
        window.valueProperty().addListener((obs, was, now) -> {
            double ms = Double.parseDouble(Figures.format(Math.pow(10, now.doubleValue()), 2));
            if (Math.abs(ms - preview.windowMsProperty().get()) > 1e-9) {
                preview.windowMsProperty().set(ms);
            }
        });
        preview.windowMsProperty().addListener((obs, was, now) -> {
            double log = Math.log10(now.doubleValue());
            if (Math.abs(window.getValue() - log) > 1e-3) {
                window.setValue(log);
            }
        });
        Button pulses = new Button("2 periods");
        pulses.setId("windowPeriods");
        pulses.setOnAction(e -> preview.windowMsProperty().set(preview.twoPeriodsMs()));
        Button cycle = new Button("Whole cycle");
        cycle.setId("windowCycle");
        cycle.setOnAction(e -> preview.windowMsProperty().set(preview.cycleMs()));
        HBox controls = new HBox(6, Controls.label("Window", "field-label"), window, pulses, cycle);
        controls.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(head, holder, controls);
        preview.frameProperty().addListener((obs, was, now) -> redraw());
        preview.staleProperty().addListener((obs, was, now) -> redraw());
    }

    /** Times the canvas was drawn. */
    int draws() {
        return draws;
    }

    /** One envelope column per pixel of the trace, right of the contact labels. */
    private static int columns(double canvasWidth) {
        return (int) Math.floor(Math.max(1, canvasWidth - LABEL_WIDTH - 4));
    }

    private void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 2 || h < 2) {
            return;
        }
        PreviewFrame shown = preview.frame();
        if (shown != null && !shown.contacts().isEmpty() && shown.envelopes().columns() != columns(w)) {
            // the preview fills a new frame at this width, whose listener draws it
            preview.columns(columns(w));
            return;
        }
        draws++;
        GraphicsContext g = canvas.getGraphicsContext2D();
        Palette p = theme.getValue().palette();
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        PreviewFrame frame = preview.frame();
        g.setFont(Font.font(12));
        if (frame == null || frame.contacts().isEmpty()) {
            g.setFill(p.mutedText());
            g.fillText("Nothing to preview: make the therapy safe.", 10, 20);
            canvas.setAccessibleText("no preview");
            return;
        }
        int columns = columns(w);
        int rows = frame.contacts().size();
        double rowHeight = (h - AXIS_HEIGHT) / rows;
        double peak = Math.max(1, frame.peakUa());
        Waveform.Envelopes envelopes = frame.envelopes();
        List<String> summary = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            double top = r * rowHeight;
            double mid = top + rowHeight / 2;
            double half = rowHeight / 2 - 3;
            double rowPeakMa = envelopes.peakUa(r) / 1000.0;
            String contact = frame.contacts().get(r).toString();
            summary.add(contact + " peak " + Figures.format(rowPeakMa) + " mA");
            g.setFill(p.text());
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(contact + "  " + Figures.format(rowPeakMa, 1) + " mA", 4, mid);
            g.setStroke(p.grid());
            g.setLineWidth(1);
            g.strokeLine(LABEL_WIDTH, mid + 0.5, w - 2, mid + 0.5);
            for (int c = 0; c < columns; c++) {
                double x = LABEL_WIDTH + c + 0.5;
                double min = envelopes.minUa(r, c);
                double max = envelopes.maxUa(r, c);
                if (min < 0) {
                    g.setStroke(p.cathodic());
                    g.strokeLine(x, mid, x, mid - min / peak * half);
                }
                if (max > 0) {
                    g.setStroke(p.anodic());
                    g.strokeLine(x, mid, x, mid - max / peak * half);
                }
            }
        }
        g.setFill(p.mutedText());
        g.setTextBaseline(VPos.BOTTOM);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("0", LABEL_WIDTH, h - 1);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(PreviewModel.windowText(frame.windowNs() / 1e6), w - 4, h - 1);
        if (preview.staleProperty().get()) {
            g.setFill(Color.color(p.background().getRed(), p.background().getGreen(), p.background().getBlue(), 0.7));
            g.fillRect(0, 0, w, h);
            String text = "Not safe: this shows the last safe therapy, not the edit";
            double boxWidth = Math.min(w - 8, 360);
            g.setFill(p.dangerGround());
            g.fillRoundRect((w - boxWidth) / 2, h / 2 - 14, boxWidth, 28, 8, 8);
            g.setStroke(p.danger());
            g.strokeRoundRect((w - boxWidth) / 2, h / 2 - 14, boxWidth, 28, 8, 8);
            g.setFill(p.danger());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(text, w / 2, h / 2);
        }
        canvas.setAccessibleText(String.join("; ", summary) + (preview.staleProperty().get() ? "; stale" : ""));
    }
}
