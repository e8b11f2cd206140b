package io.dorsal.programmer.view;

import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.report.LinePlot;
import io.dorsal.clinic.trial.Judgement;
import io.dorsal.programmer.records.PatientRecordModel;
import io.dorsal.programmer.records.PatientRecordModel.HistoryRow;
import io.dorsal.programmer.records.PatientRecordModel.Point;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The patient's record: History (everything done, newest first), Trial (the latest trial's diary plotted, its
 * judgement against the criterion, and today's diary day while it runs) and Trends (impedance per contact over the
 * checks with the flags, the battery with its projected end of service). Charts are JavaFX line charts over days
 * since the first point.
 */
public final class PatientRecordView extends VBox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final double MS_PER_DAY = Duration.ofDays(1).toMillis();

    private final PatientRecordModel model;
    private final LineChart<Number, Number> diaryChart = chart("day of the trial", "pain 0-10 / relief %", 0, 100);
    private final LineChart<Number, Number> impedanceChart = chart("days since the first check", "ohm", 0, 0);
    private final LineChart<Number, Number> batteryChart = chart("days since the first reading", "charge %", 0, 100);
    private final TableView<DiaryEntry> diaryTable = new TableView<>();
    private final Label judgement = new Label();

    public PatientRecordView(PatientRecordModel model) {
        this.model = model;
        setId("patientRecord");
        setSpacing(8);
        setPadding(new Insets(12));

        Label patient = new Label();
        patient.setId("recordPatient");
        patient.getStyleClass().add("title-4");
        patient.textProperty().bind(model.patientLineProperty());
        Label device = new Label();
        device.setId("recordDevice");
        device.getStyleClass().add("hint");
        device.textProperty().bind(model.deviceLineProperty());
        Label problem = Controls.problem("recordProblem", model.problemProperty());

        TabPane tabs = new TabPane(historyTab(), trialTab(), trendsTab());
        tabs.setId("recordTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().addAll(patient, device, problem, tabs);

        model.trialProperty().addListener((obs, was, now) -> showTrial(now));
        model.impedanceProperty().addListener((obs, was, now) -> showImpedance(now));
        model.batteryProperty().addListener((obs, was, now) -> showBattery(now));
        showTrial(model.trialProperty().get());
        showImpedance(model.impedanceProperty().get());
        showBattery(model.batteryProperty().get());
    }

    private Tab historyTab() {
        TableView<HistoryRow> table = new TableView<>(model.history());
        table.setId("recordHistory");
        table.getColumns().add(column("When", 130, r -> WHEN.format(r.at())));
        table.getColumns().add(column("Who", 90, HistoryRow::who));
        table.getColumns().add(column("What", 120, HistoryRow::what));
        TableColumn<HistoryRow, String> detail = column("Detail", 520, HistoryRow::detail);
        table.getColumns().add(detail);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        Tab tab = new Tab("History", table);
        tab.setId("recordHistoryTab");
        return tab;
    }

    private Tab trialTab() {
        judgement.setId("trialJudgement");
        judgement.setWrapText(true);
        judgement.setMinHeight(Region.USE_PREF_SIZE);
        diaryChart.setId("diaryChart");
        diaryTable.setId("diaryTable");
        diaryTable.getColumns().add(column("Day", 90, e -> e.day().toString()));
        diaryTable.getColumns().add(column("Pain", 50, e -> Integer.toString(e.painScore())));
        diaryTable.getColumns().add(column("Relief", 60, e -> String.format("%.0f %%", e.reliefPercent())));
        diaryTable.getColumns().add(column("Activity", 260, DiaryEntry::activity));
        diaryTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        diaryTable.setPrefHeight(150);

        Spinner<Integer> pain = new Spinner<>(DiaryEntry.MIN_PAIN_SCORE, 10, 5);
        pain.setId("diaryPain");
        pain.setEditable(true);
        pain.setPrefWidth(80);
        pain.getValueFactory().valueProperty().addListener((obs, was, now) -> model.diaryPainProperty().set(now));
        Spinner<Integer> relief = new Spinner<>(0, 100, 50, 5);
        relief.setId("diaryRelief");
        relief.setEditable(true);
        relief.setPrefWidth(90);
        relief.getValueFactory().valueProperty().addListener((obs, was, now) -> model.diaryReliefProperty().set(now));
        TextField activity = new TextField();
        activity.setId("diaryActivity");
        activity.setPromptText("activity, programs used, notes");
        activity.textProperty().bindBidirectional(model.diaryActivityProperty());
        HBox.setHgrow(activity, Priority.ALWAYS);
        Button add = Icons.ADD.on(new Button("Add today"));
        add.setId("addDiaryDay");
        add.setOnAction(e -> model.addDiaryDay());
        HBox form = new HBox(8, new Label("Pain"), pain, new Label("Relief %"), relief, activity, add);
        form.setAlignment(Pos.CENTER_LEFT);
        form.visibleProperty().bind(model.canAddDiaryProperty());
        form.managedProperty().bind(form.visibleProperty());

        VBox.setVgrow(diaryChart, Priority.ALWAYS);
        VBox box = new VBox(8, judgement, diaryChart, diaryTable, form);
        box.setPadding(new Insets(8));
        Tab tab = new Tab("Trial", box);
        tab.setId("recordTrialTab");
        return tab;
    }

    private Tab trendsTab() {
        impedanceChart.setId("impedanceTrend");
        batteryChart.setId("batteryTrend");
        batteryChart.setLegendVisible(false);
        ListView<String> flags = new ListView<>(model.impedanceFlags());
        flags.setId("impedanceFlags");
        flags.setPrefHeight(132);
        flags.setMinHeight(124); // three one-line flags whole (the demo patient has three)
        flags.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        flags.setPlaceholder(new Label("No jump, drift, open or short in the impedance checks."));
        Label projection = new Label();
        projection.setId("batteryProjection");
        projection.setWrapText(true);
        projection.textProperty().bind(model.batteryProjectionProperty());
        VBox.setVgrow(impedanceChart, Priority.ALWAYS);
        batteryChart.setPrefHeight(150);
        VBox box = new VBox(6, impedanceChart, flags, batteryChart, projection);
        box.setPadding(new Insets(8));
        Tab tab = new Tab("Trends", box);
        tab.setId("recordTrendsTab");
        return tab;
    }

    private void showTrial(Optional<Judgement> latest) {
        diaryChart.getData().clear();
        if (latest.isEmpty()) {
            judgement.setText("No trial recorded for this patient.");
            diaryTable.getItems().clear();
            return;
        }
        Judgement j = latest.get();
        judgement.setText("Trial (" + j.trial().kind().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + j.trial().state().name().toLowerCase(java.util.Locale.ROOT) + "): " + j.summary() + ".");
        diaryTable.getItems().setAll(j.diary());
        XYChart.Series<Number, Number> pain = new XYChart.Series<>();
        pain.setName("pain score x 10");
        XYChart.Series<Number, Number> relief = new XYChart.Series<>();
        relief.setName("relief %");
        XYChart.Series<Number, Number> criterion = new XYChart.Series<>();
        criterion.setName("criterion " + Math.round(j.trial().criterionReliefPercent()) + " %");
        List<DiaryEntry> diary = j.diary();
        for (int i = 0; i < diary.size(); i++) {
            long day = diary.get(i).day().toEpochDay() - diary.get(0).day().toEpochDay() + 1;
            pain.getData().add(new XYChart.Data<>(day, diary.get(i).painScore() * 10));
            relief.getData().add(new XYChart.Data<>(day, diary.get(i).reliefPercent()));
        }
        if (!diary.isEmpty()) {
            long last = diary.getLast().day().toEpochDay() - diary.get(0).day().toEpochDay() + 1;
            criterion.getData().add(new XYChart.Data<>(1, j.trial().criterionReliefPercent()));
            criterion.getData().add(new XYChart.Data<>(last, j.trial().criterionReliefPercent()));
        }
        diaryChart.getData().setAll(List.of(relief, pain, criterion));
        long days = diary.isEmpty() ? 1 : diary.getLast().day().toEpochDay() - diary.get(0).day().toEpochDay() + 1;
        wholeDays((NumberAxis) diaryChart.getXAxis(), days);
    }

    /** Days 1 to {@code days}, one tick each, with half a day's room either side so no point sits on the frame. */
    private static void wholeDays(NumberAxis x, long days) {
        x.setAutoRanging(false);
        x.setLowerBound(0);
        x.setUpperBound(days + 1);
        x.setTickUnit(1);
        x.setMinorTickCount(0);
        x.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                long day = Math.round(n.doubleValue());
                return day >= 1 && day <= days ? Long.toString(day) : "";
            }

            @Override
            public Number fromString(String text) {
                return Long.parseLong(text);
            }
        });
    }

    private void showImpedance(Map<String, List<Point>> byContact) {
        Instant first = byContact.values().stream().flatMap(List::stream).map(Point::at).min(Instant::compareTo)
                .orElse(Instant.EPOCH);
        impedanceChart.getData().setAll(byContact.entrySet().stream().map(e -> series(e.getKey(), e.getValue(), first))
                .toList());
        colourEach(impedanceChart);
    }

    /**
     * A colour of its own for every series: a chart's default style repeats its 8 colours, so with 17 contacts the
     * case, L1.7 and L2.7 would be drawn alike. The colours are the session report's ({@link LinePlot#seriesRgb(int)}):
     * hues a golden angle apart, so neighbouring contacts differ most.
     */
    private static void colourEach(LineChart<Number, Number> chart) {
        List<XYChart.Series<Number, Number>> all = chart.getData();
        Map<String, String> symbolByName = new java.util.HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            String web = String.format(java.util.Locale.ROOT, "#%06x", LinePlot.seriesRgb(i));
            String symbol = "-fx-background-color: " + web + ", -color-bg-default;";
            XYChart.Series<Number, Number> s = all.get(i);
            if (s.getNode() != null) {
                s.getNode().setStyle("-fx-stroke: " + web + ";");
            }
            s.getData().stream().filter(d -> d.getNode() != null).forEach(d -> d.getNode().setStyle(symbol));
            symbolByName.put(s.getName(), symbol);
        }
        chart.applyCss();
        for (javafx.scene.Node item : chart.lookupAll(".chart-legend-item")) {
            if (item instanceof Label label && label.getGraphic() != null
                    && symbolByName.containsKey(label.getText())) {
                label.getGraphic().setStyle(symbolByName.get(label.getText()));
            }
        }
    }

    private void showBattery(List<Point> readings) {
        Instant first = readings.isEmpty() ? Instant.EPOCH : readings.get(0).at();
        batteryChart.getData().setAll(List.of(series("battery", readings, first)));
    }

    private static XYChart.Series<Number, Number> series(String name, List<Point> points, Instant first) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (Point p : points) {
            s.getData().add(new XYChart.Data<>((p.at().toEpochMilli() - first.toEpochMilli()) / MS_PER_DAY, p.value()));
        }
        return s;
    }

    private static LineChart<Number, Number> chart(String xLabel, String yLabel, double yMin, double yMax) {
        NumberAxis x = new NumberAxis();
        x.setLabel(xLabel);
        x.setForceZeroInRange(false);
        NumberAxis y = yMax > yMin ? new NumberAxis(yMin, yMax, (yMax - yMin) / 5) : new NumberAxis();
        y.setLabel(yLabel);
        if (yMax <= yMin) {
            y.setForceZeroInRange(false);
        }
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setMinHeight(160);
        return chart;
    }

    private static <T> TableColumn<T, String> column(String title, double width,
            java.util.function.Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }
}
