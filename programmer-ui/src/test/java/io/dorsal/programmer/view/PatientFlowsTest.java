package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.clinic.AppliedTherapy;
import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.DeviceKind;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicLocation;
import io.dorsal.programmer.model.Fixture;
import io.dorsal.programmer.records.PatientChooser;
import io.dorsal.programmer.records.PatientRecords;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The programmer knows its patient, through the real windows: the chooser finds a patient by device serial and opens
 * them with the keyboard, refuses a new patient without a valid date of birth, and the record window shows what the
 * session did, the trial's diary plotted, and the impedance trends.
 */
@ExtendWith(ApplicationExtension.class)
class PatientFlowsTest {

    @TempDir
    static Path dir;

    private final Clock wall = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private PatientRecords records;
    private PatientChooser chooser;
    private Patient jane;
    private boolean opened;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        records = new PatientRecords(ClinicDatabase.open(new ClinicLocation.SqliteFile(dir.resolve(
                "records-" + System.nanoTime() + ".db")), wall::millis), "dr-test", wall, Runnable::run, Runnable::run);
        jane = records.register("MRN-4711", "Doe", "Jane", LocalDate.of(1961, 4, 2));
        records.register("MRN-0815", "Roe", "Richard", LocalDate.of(1955, 1, 1));
        records.registry().addDevice(new io.dorsal.clinic.Change("dr-test", "implant"), jane.patientId(),
                DeviceKind.IMPLANTED_STIMULATOR, "IPG", "IPG-77A1", LocalDate.of(2026, 1, 5));
        chooser = new PatientChooser(records);
        stage.setScene(new Scene(new PatientChooserView(chooser, () -> opened = true), 640, 560));
        stage.show();
    }

    @AfterEach
    void close() {
        records.close();
    }

    @Test
    void aPatientFoundByDeviceSerialOpensFromTheKeyboard(FxRobot robot) {
        robot.clickOn("#patientSearch").write("77a1");
        robot.type(KeyCode.ENTER);

        assertThat(PatientFlowsTest.<Patient>list(robot, "#patientList").getItems()).hasSize(1);
        assertThat(opened).isTrue();
        assertThat(records.patientProperty().get()).isEqualTo(jane);
        assertThat(records.stimulatorProperty().get().serial()).as("the embedded generator stands in for her IPG")
                .isEqualTo("IPG-77A1");
    }

    @Test
    void aNewPatientWithoutADateOfBirthIsRefusedInOneLine(FxRobot robot) {
        robot.clickOn("#newPatientPane");
        robot.clickOn("#newClinicNumber").write("MRN-9000");
        robot.clickOn("#newFamilyName").write("Poe");
        robot.clickOn("#newGivenName").write("Edgar");
        robot.clickOn("#newBirthDate").write("19.01.1809");
        robot.clickOn("#registerPatient");

        assertThat(robot.lookup("#patientError").queryAs(Label.class).getText()).isEqualTo("Date of birth"
                + " \"19.01.1809\" is not a date: write it YYYY-MM-DD, for example 1961-04-02.");
        assertThat(opened).isFalse();

        robot.doubleClickOn("#newBirthDate").eraseText(10).write("1809-01-19");
        robot.clickOn("#registerPatient");
        assertThat(opened).isTrue();
        assertThat(records.patientProperty().get().clinicNumber()).isEqualTo("MRN-9000");
    }

    @Test
    void theRecordShowsTheSessionsApplyTheTrialsDiaryAndTheImpedanceTrend(FxRobot robot) throws Exception {
        Patient demo = records.demoPatient();
        records.open(demo, Optional.empty());
        Fixture f = new Fixture();
        robot.interact(() -> {
            f.session.keepRecords(records);
            MainView main = TestWindows.show(stage, new MainView(f.session, new NoDialogs()));
            main.getClass(); // shown
        });
        robot.interact(() -> f.programmer().fields().amplitudeMaProperty().set(4.5));
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        TableView<io.dorsal.programmer.records.PatientRecordModel.HistoryRow> history =
                robot.lookup("#recordHistory").queryAs(TableView.class);
        assertThat(history.getItems().get(0).what()).isEqualTo("therapy applied");
        assertThat(history.getItems().get(0).detail()).startsWith("low-back 4.5 mA");
        assertThat(records.database().where(AppliedTherapy.class, "patient_id", demo.patientId())).hasSize(2);

        robot.clickOn("Trial");
        assertThat(robot.lookup("#trialJudgement").queryAs(Label.class).getText()).contains("succeeded")
                .contains("MET");
        assertThat(chart(robot, "#diaryChart").getData()).hasSize(3);
        javafx.scene.chart.NumberAxis days = (javafx.scene.chart.NumberAxis) chart(robot, "#diaryChart").getXAxis();
        assertThat(days.getTickUnit()).as("whole days").isEqualTo(1.0);
        assertThat(days.getTickLabelFormatter().toString(0.0)).isEmpty();
        assertThat(days.getTickLabelFormatter().toString(7.0)).isEqualTo("7");
        @SuppressWarnings("unchecked")
        TableView<DiaryEntry> diary = robot.lookup("#diaryTable").queryAs(TableView.class);
        assertThat(diary.getItems()).hasSize(7);

        robot.clickOn("Trends");
        assertThat(chart(robot, "#impedanceTrend").getData()).hasSize(16);
        assertThat(chart(robot, "#impedanceTrend").getData().stream().map(s -> s.getNode().getStyle()).distinct())
                .as("a colour per contact, not the chart's 8 repeated").hasSize(16);
        assertThat(PatientFlowsTest.<String>list(robot, "#impedanceFlags").getItems()).anySatisfy(line ->
                assertThat(line).startsWith("contact L1.5: jump").matches(".* on \\d{4}-\\d{2}-\\d{2}; look for .*"));
        assertThat(robot.lookup("#batteryProjection").queryAs(Label.class).getText()).contains("projected to reach");
    }

    @SuppressWarnings("unchecked")
    private static <T> ListView<T> list(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static LineChart<Number, Number> chart(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(LineChart.class);
    }
}
