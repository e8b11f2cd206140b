package io.dorsal.programmer;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.therapy.TherapySets;
import io.dorsal.core.time.SystemClock;
import io.dorsal.programmer.link.EmbeddedLink;
import io.dorsal.programmer.link.StimulatorLink;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicDatabaseException;
import io.dorsal.clinic.db.ClinicLocation;
import io.dorsal.programmer.model.Session;
import io.dorsal.programmer.records.PatientChooser;
import io.dorsal.programmer.records.PatientRecords;
import io.dorsal.programmer.view.PatientChooserView;
import io.dorsal.programmer.theme.LookSettings;
import io.dorsal.programmer.theme.Theme;
import io.dorsal.programmer.view.FileDialogs;
import io.dorsal.programmer.view.MainView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The clinician programmer on the embedded simulated generator, which starts loaded with the bundled
 * two-program therapy (examples/two-programs.json) and running, as a patient's generator would be found.
 *
 * <p>Options: {@code --file PATH} loads another program file into the generator; {@code --clinician NAME}
 * names who the session log records (default: the login name); {@code --screenshots DIR} walks the main
 * screens, writes a PNG of each to DIR and quits (used by programmer-ui/screenshots.sh); {@code --theme light|dark}
 * and {@code --touch} choose the look for this run only (otherwise the View menu's last choice, remembered);
 * {@code --size WIDTHxHEIGHT} the window's size (1280x800 by default). The patient: {@code --records FILE|URL} names
 * the clinic records (docs/clinic.md), {@code --patient CLINIC_NUMBER} opens that patient, {@code --demo} the demo
 * patient; otherwise the programmer asks whom it is programming before the main window opens.
 */
public final class ProgrammerApp extends Application {

    /** The therapy the embedded generator starts with: a copy of examples/two-programs.json. */
    public static final String BUNDLED_THERAPY = "/io/dorsal/programmer/two-programs.json";
    /** The main window's size: the programmer is laid out for 1280x800. */
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;
    private EmbeddedLink link;
    private Session session;
    private Timeline refresher;
    private PatientRecords records;
    /** Writes the patient's records off the UI thread, one write after another. */
    private final java.util.concurrent.ExecutorService recordsWriter = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "dorsal-records");
                t.setDaemon(true);
                return t;
            });

    @Override
    public void start(Stage stage) throws Exception {
        List<String> args = getParameters().getRaw();
        TherapySets sets = option(args, "--file").map(ProgrammerApp::readOrExit)
                .orElseGet(() -> TherapySets.single(bundled()));
        Therapy therapy = sets.active();
        String clinician = option(args, "--clinician").orElse(System.getProperty("user.name", "clinician"));

        Optional<PatientRecords> opened = openPatient(stage, args, clinician);
        if (opened.isEmpty()) {
            Platform.exit();
            return;
        }
        records = opened.get();

        link = EmbeddedLink.started(SystemClock.INSTANCE);
        ApplyResult loaded = link.applySets(sets, "generator setup").join();
        if (loaded instanceof ApplyResult.Rejected rejected) {
            System.err.println("programmer: the therapy is not safe, so the generator starts empty-handed:");
            rejected.violations().forEach(v -> System.err.println("  " + v.message()));
            link.close();
            Platform.exit();
            return;
        }
        link.start("generator setup").join();

        session = new Session(link, Platform::runLater, Clock.systemDefaultZone(), clinician, therapy);
        session.keepRecords(records);
        LookSettings look = look(args);
        MainView main = new MainView(session, FileDialogs.system(), look);
        double[] size = option(args, "--size").map(ProgrammerApp::sizeOrExit).orElse(new double[] {WIDTH, HEIGHT});
        Scene scene = new Scene(main, size[0], size[1]);
        scene.getStylesheets().add(stylesheet());
        main.install(scene);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.concat("Dorsal Programmer — ",
                PatientRecords.nameOf(records.patientProperty().get()), " — ",
                session.generator().descriptionProperty()));
        stage.setScene(scene);
        stage.getIcons().addAll(MainView.icons());
        stage.setMinWidth(1024);
        stage.setMinHeight(700);
        stage.show();

        poll(session.link());
        // the header asks the generator for its status at the pace its link suggests: 250 ms in this process,
        // once a second over the network
        session.generator().linkProperty().addListener((obs, was, now) -> poll(now));

        Optional<String> shots = option(args, "--screenshots");
        if (shots.isPresent()) {
            String suffix = (look.theme() == Theme.LIGHT ? "" : "-" + look.theme().key())
                    + (option(args, "--size").map(s -> "-" + s).orElse("")) + (look.touchProperty().get() ? "-touch" : "");
            new ScreenshotTour(stage, main, session, Path.of(shots.get()), suffix).run();
        }
    }

    private void poll(StimulatorLink current) {
        if (refresher != null) {
            refresher.stop();
        }
        refresher = new Timeline(new KeyFrame(Duration.millis(current.statusPeriodMs()),
                e -> session.generator().refresh()));
        refresher.setCycleCount(Timeline.INDEFINITE);
        refresher.play();
    }

    @Override
    public void stop() {
        if (refresher != null) {
            refresher.stop();
        }
        if (session != null) {
            session.close();
        } else if (link != null) {
            link.close();
        }
        // the session's log is the last write: let the writer finish it before the records close
        recordsWriter.shutdown();
        try {
            if (!recordsWriter.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                System.err.println("programmer: the patient's records were still being written after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (records != null) {
            records.close();
        }
    }

    /**
     * Opens the records ({@code --records FILE|URL}, else {@code DORSAL_CLINIC_DB}, else ~/.dorsal/clinic/records.db;
     * a fresh file in a temporary folder for the screenshot tour) and the patient: {@code --patient CLINIC_NUMBER},
     * {@code --demo}, or the chooser. Empty when the user closed the chooser or the records did not open.
     */
    private Optional<PatientRecords> openPatient(Stage owner, List<String> args, String clinician) {
        boolean tour = option(args, "--screenshots").isPresent();
        ClinicLocation where;
        try {
            where = tour && option(args, "--records").isEmpty()
                    ? new ClinicLocation.SqliteFile(java.nio.file.Files.createTempDirectory("dorsal-tour")
                            .resolve("records.db"))
                    : ClinicLocation.of(option(args, "--records").orElse(null), System.getenv(),
                            Path.of(System.getProperty("user.home")));
        } catch (IOException e) {
            System.err.println("programmer: no temporary folder for the tour's records: " + e.getMessage());
            return Optional.empty();
        }
        ClinicDatabase database;
        try {
            database = ClinicDatabase.open(where, System::currentTimeMillis);
        } catch (ClinicDatabaseException e) {
            String why = "The patient records (" + where.describe() + ") could not be opened: " + e.getMessage();
            System.err.println("programmer: " + why);
            if (!tour) {
                new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR, why
                        + "\n\nThe programmer does not program without its patient's records. Choose other records"
                        + " with --records FILE, or restore a backup (stimctl db restore).").showAndWait();
            }
            return Optional.empty();
        }
        PatientRecords kept = new PatientRecords(database, clinician, Clock.systemDefaultZone(), recordsWriter,
                Platform::runLater);
        PatientChooser chooser = new PatientChooser(kept);
        Optional<String> number = option(args, "--patient");
        boolean open;
        if (number.isPresent()) {
            chooser.queryProperty().set(number.get());
            chooser.search();
            open = chooser.found().stream().anyMatch(p -> p.clinicNumber().equalsIgnoreCase(number.get()))
                    && chooser.openSelected();
            if (!open) {
                System.err.println("programmer: --patient " + number.get() + ": no patient with that clinic number in "
                        + where.describe());
            }
        } else if (tour || args.contains("--demo")) {
            open = chooser.openDemo();
        } else {
            Stage dialog = new Stage();
            dialog.setTitle("Dorsal Programmer — open a patient");
            dialog.getIcons().addAll(MainView.icons());
            Scene scene = new Scene(new PatientChooserView(chooser, dialog::close), 640, 560);
            scene.getStylesheets().add(stylesheet());
            look(args).applyTheme();
            dialog.setScene(scene);
            dialog.showAndWait();
            open = chooser.openedProperty().get() != null;
        }
        if (!open) {
            kept.close();
            return Optional.empty();
        }
        return Optional.of(kept);
    }

    /** The programmer's stylesheet. */
    public static String stylesheet() {
        return ProgrammerApp.class.getResource("/io/dorsal/programmer/programmer.css").toExternalForm();
    }

    /** The bundled two-program therapy. */
    public static Therapy bundled() {
        try (InputStream in = ProgrammerApp.class.getResourceAsStream(BUNDLED_THERAPY)) {
            return ProgramCodec.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ProgramFileException e) {
            throw new IllegalStateException("the bundled therapy does not read: " + e.describe(), e);
        }
    }

    private static TherapySets readOrExit(String file) {
        try {
            return ProgramCodec.readSets(Path.of(file));
        } catch (ProgramFileException e) {
            System.err.println("programmer: " + file + ": " + e.describe());
            System.exit(1);
            throw new IllegalStateException("unreachable");
        }
    }

    /**
     * The look: the one the user chose last time (View menu), unless {@code --theme light|dark} or {@code --touch}
     * ask for one for this run only (the screenshot runs do, and leave the user's choice alone).
     */
    private static LookSettings look(List<String> args) {
        Optional<String> theme = option(args, "--theme");
        boolean touch = args.contains("--touch");
        if (theme.isEmpty() && !touch && option(args, "--screenshots").isEmpty()) {
            return LookSettings.remembered();
        }
        Theme chosen = theme.map(name -> Theme.named(name).orElseGet(() -> {
            System.err.println("programmer: --theme " + name + ": no such theme (light or dark)");
            System.exit(2);
            return Theme.LIGHT;
        })).orElse(Theme.LIGHT);
        return LookSettings.forThisRun(chosen, touch);
    }

    private static double[] sizeOrExit(String size) {
        var m = java.util.regex.Pattern.compile("(\\d{3,4})x(\\d{3,4})").matcher(size.strip());
        if (!m.matches()) {
            System.err.println("programmer: --size " + size + ": expected WIDTHxHEIGHT, for example 1920x1080");
            System.exit(2);
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    private static Optional<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
    }
}
