package io.dorsal.programmer.view;

import io.dorsal.core.ecap.LoopComparison;
import io.dorsal.core.ecap.LoopRun;
import io.dorsal.core.ecap.Posture;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.programmer.ecap.EcapModel;
import io.dorsal.programmer.ecap.LiveLoop;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Duration;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The closed-loop workspace (View > Closed loop): the selected program's ECAP growth curve lying, seated and standing
 * (threshold and slope in words beside it), the loop's target and recording contacts, and the posture day run open
 * loop against closed loop as strip charts of ECAP and current over time, with the window marked by its figures;
 * and live: the loop closed on the embedded generator's simulated patient, its ECAP and current as they come.
 */
public final class EcapView extends BorderPane {

    /** Every n-th pulse is drawn on the strip charts (5,000 pulses a run: 500 points a series). */
    private static final int STRIP_STEP = 10;

    private final EcapModel ecap;
    private final LiveLoop live;
    private final LineChart<Number, Number> ecapStrip = strip("ECAP (uV)", "ecapStrip");
    private final LineChart<Number, Number> currentStrip = strip("current (mA)", "currentStrip");
    private final LineChart<Number, Number> liveEcapStrip = strip("ECAP (uV)", "liveEcapStrip");
    private final LineChart<Number, Number> liveCurrentStrip = strip("current (mA)", "liveCurrentStrip");
    /** Samples the live loop four times a second while the workspace is shown. */
    private final Timeline sampler = new Timeline(new KeyFrame(Duration.millis(250), e -> sampleLive()));

    public EcapView(EcapModel ecap, LiveLoop live) {
        this.ecap = ecap;
        this.live = live;
        setId("ecapPane");
        setPadding(new Insets(10));
        Label title = Controls.label("Closed loop on the ECAP: program '" + ecap.program().name() + "'",
                "section-title");
        Label note = new Label("On the model of the cord (docs/ecap.md): the loop the generator runs once a pulse"
                + " (stimctl simulate --posture); lines told apart by pattern too: open loop and sitting dashed,"
                + " standing and the window dotted.");
        note.getStyleClass().add("hint");
        note.setWrapText(true);
        VBox top = new VBox(2, title, note);
        top.setMinHeight(Region.USE_PREF_SIZE);
        setTop(top);
        BorderPane.setMargin(top, new Insets(0, 0, 8, 0));

        NumberAxis ma = new NumberAxis();
        ma.setLabel("current (mA)");
        NumberAxis uv = new NumberAxis();
        uv.setLabel("ECAP (uV)");
        LineChart<Number, Number> curve = new LineChart<>(ma, uv);
        curve.setId("growthCurve");
        curve.setCreateSymbols(false);
        curve.setAnimated(false);
        curve.setPrefSize(420, 300);
        VBox curveWords = new VBox(2);
        for (Posture p : EcapModel.CURVE_POSTURES) {
            double[][] points = ecap.growthCurve(p);
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(p.name().toLowerCase(Locale.ROOT));
            for (int i = 0; i < points[0].length; i++) {
                s.getData().add(new XYChart.Data<>(points[0][i], points[1][i]));
            }
            curve.getData().add(s);
            pattern(s, p == Posture.SITTING ? DASHED : p == Posture.SUPINE ? "" : DOTTED);
            Label words = new Label(ecap.describeCurve(p));
            words.setId("curve-" + p.name().toLowerCase(Locale.ROOT));
            curveWords.getChildren().add(words);
        }

        Spinner<Double> target = Controls.doubleSpinner("ecapTarget", 1, 400, 1);
        target.getValueFactory().setValue(ecap.targetUvProperty().get());
        target.valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                ecap.targetUvProperty().set(now);
            }
        });
        ComboBox<ContactId> a = new ComboBox<>();
        a.setId("ecapRecordingA");
        a.getItems().setAll(ecap.recordingCandidates());
        a.valueProperty().bindBidirectional(ecap.recordingAProperty());
        ComboBox<ContactId> b = new ComboBox<>();
        b.setId("ecapRecordingB");
        b.getItems().setAll(ecap.recordingCandidates());
        b.valueProperty().bindBidirectional(ecap.recordingBProperty());
        Button run = new Button("Run the posture day");
        run.setId("ecapRun");
        run.setDefaultButton(true);
        run.setOnAction(e -> ecap.run());
        Label message = new Label();
        message.setId("ecapMessage");
        message.setWrapText(true);
        message.setMaxWidth(420);
        message.textProperty().bind(ecap.messageProperty());
        HBox targetRow = new HBox(6, Controls.label("Target", "field-label"), target, new Label("uV"));
        targetRow.setAlignment(Pos.CENTER_LEFT);
        HBox recordRow = new HBox(6, Controls.label("Records on", "field-label"), a, b);
        recordRow.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(8, Controls.label("Growth curve (sweep)", "section-title"), curve, curveWords,
                Controls.label("The loop", "section-title"), targetRow, recordRow, run, message);
        left.setPrefWidth(440);
        setLeft(left);

        Label day = new Label(String.format(Locale.ROOT, "Posture day: %.0f s of sitting, lying, standing, walking;"
                + " coughs; 1 s of lost recording", ecap.day().durationS()));
        day.getStyleClass().add("hint");
        VBox offline = new VBox(6, Controls.label("Open loop against closed loop", "section-title"), day, ecapStrip,
                currentStrip);
        VBox.setVgrow(ecapStrip, Priority.ALWAYS);
        VBox.setVgrow(currentStrip, Priority.ALWAYS);
        offline.setPadding(new Insets(6, 0, 0, 0));
        Tab offlineTab = new Tab("Posture day (model)", offline);
        offlineTab.setId("ecapOfflineTab");
        Tab liveTab = new Tab("Live on the generator", liveBox());
        liveTab.setId("ecapLiveTab");
        TabPane right = new TabPane(offlineTab, liveTab);
        right.setId("ecapTabs");
        right.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        BorderPane.setMargin(right, new Insets(0, 0, 0, 12));
        setCenter(right);
        ecap.comparisonProperty().addListener((obs, was, now) -> redraw(now));
    }

    /** The live strip: Close / Open the loop, what it does now in words, its ECAP and current over the last 30 s. */
    private VBox liveBox() {
        Button close = new Button("Close the loop");
        close.setId("liveClose");
        close.disableProperty().bind(live.runningProperty());
        close.setOnAction(e -> {
            live.start();
            liveEcapStrip.getData().clear();
            liveCurrentStrip.getData().clear();
        });
        Button open = new Button("Open the loop");
        open.setId("liveOpen");
        open.disableProperty().bind(live.runningProperty().not());
        open.setOnAction(e -> live.stop());
        Label status = new Label();
        status.setId("liveStatus");
        status.setWrapText(true);
        status.textProperty().bind(live.statusProperty());
        Label note = new Label("The generator runs the loop once a pulse on its simulated patient, who goes through the"
                + " posture day from the moment it closes; this strip reads the loop four times a second. Closing this"
                + " window opens the loop.");
        note.getStyleClass().add("hint");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        status.setMinHeight(Region.USE_PREF_SIZE);
        HBox buttons = new HBox(8, close, open);
        VBox.setVgrow(liveEcapStrip, Priority.ALWAYS);
        VBox.setVgrow(liveCurrentStrip, Priority.ALWAYS);
        VBox box = new VBox(6, note, buttons, status, liveEcapStrip, liveCurrentStrip);
        box.setPadding(new Insets(6, 0, 0, 0));
        return box;
    }

    /** Starts reading the live loop (the window is shown). */
    public void startSampling() {
        sampler.setCycleCount(Timeline.INDEFINITE);
        sampler.play();
    }

    /** The window is closing: stop reading, and open the loop if it is closed. */
    public void close() {
        sampler.stop();
        if (live.runningProperty().get()) {
            live.stop();
        }
    }

    /** One reading of the live loop, and the strips redrawn from its samples. */
    void sampleLive() {
        if (!live.runningProperty().get()) {
            return;
        }
        live.sample();
        XYChart.Series<Number, Number> measured = new XYChart.Series<>();
        measured.setName("ECAP measured");
        XYChart.Series<Number, Number> target = new XYChart.Series<>();
        target.setName(String.format(Locale.ROOT, "target %.0f uV", ecap.settings().targetUv()));
        XYChart.Series<Number, Number> current = new XYChart.Series<>();
        current.setName("current chosen");
        for (LiveLoop.Sample s : live.samples()) {
            if (!Double.isNaN(s.ecapUv())) {
                measured.getData().add(new XYChart.Data<>(s.tS(), s.ecapUv()));
            }
            current.getData().add(new XYChart.Data<>(s.tS(), s.currentMa()));
        }
        if (!live.samples().isEmpty()) {
            target.getData().add(new XYChart.Data<>(live.samples().getFirst().tS(), ecap.settings().targetUv()));
            target.getData().add(new XYChart.Data<>(live.samples().getLast().tS(), ecap.settings().targetUv()));
        }
        liveEcapStrip.getData().setAll(List.of(measured, target));
        pattern(target, DOTTED);
        liveCurrentStrip.getData().setAll(List.of(current));
    }

    /** The live loop this workspace drives. */
    public LiveLoop live() {
        return live;
    }

    private static LineChart<Number, Number> strip(String yLabel, String id) {
        NumberAxis t = new NumberAxis();
        t.setLabel("time (s)");
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        LineChart<Number, Number> chart = new LineChart<>(t, y);
        chart.setId(id);
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setMinHeight(200);
        return chart;
    }

    private void redraw(LoopComparison c) {
        ecapStrip.getData().clear();
        currentStrip.getData().clear();
        if (c == null) {
            return;
        }
        add(ecapStrip, series("open loop", c.openLoop(), true), DASHED);
        add(ecapStrip, series("closed loop", c.closedLoop(), true), "");
        add(ecapStrip, level(String.format(Locale.ROOT, "window top %.0f uV", c.highUv()), c.highUv(),
                c.openLoop()), DOTTED);
        add(ecapStrip, level(String.format(Locale.ROOT, "window bottom %.0f uV", c.lowUv()), c.lowUv(),
                c.openLoop()), DOTTED);
        add(currentStrip, series("open loop", c.openLoop(), false), DASHED);
        add(currentStrip, series("closed loop", c.closedLoop(), false), "");
    }

    /** Dash patterns, so that colour is not the only thing telling the lines apart. */
    private static final String DASHED = "10 6";
    private static final String DOTTED = "2 5";

    private static void add(LineChart<Number, Number> chart, XYChart.Series<Number, Number> series, String dashes) {
        chart.getData().add(series);
        pattern(series, dashes);
    }

    private static void pattern(XYChart.Series<Number, Number> series, String dashes) {
        if (!dashes.isEmpty() && series.getNode() != null) {
            series.getNode().setStyle("-fx-stroke-dash-array: " + dashes + ";");
        }
    }

    private static XYChart.Series<Number, Number> series(String name, LoopRun run, boolean ecapUv) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (int k = 0; k < run.pulses(); k += STRIP_STEP) {
            s.getData().add(new XYChart.Data<>(run.timeS(k), ecapUv ? run.evokedUv(k) : run.currentMa(k)));
        }
        return s;
    }

    /** A flat line at a level over the run (the window's top). */
    private static XYChart.Series<Number, Number> level(String name, double value, LoopRun run) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        s.getData().add(new XYChart.Data<>(0, value));
        s.getData().add(new XYChart.Data<>(run.timeS(run.pulses() - 1), value));
        return s;
    }
}
