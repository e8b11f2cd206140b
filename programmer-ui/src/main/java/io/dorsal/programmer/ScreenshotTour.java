package io.dorsal.programmer;

import io.dorsal.programmer.model.Session;
import io.dorsal.programmer.view.MainView;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Walks the programmer's main screens and writes a PNG of each (for docs/user-guide.md), then quits. Run by
 * programmer-ui/screenshots.sh under Xvfb; never by the tests.
 */
final class ScreenshotTour {

    /** Time for the window to settle (layout, the generator's first status, a ramp under way) before a shot. */
    private static final Duration SETTLE = Duration.millis(1200);
    /** Steps of {@link #SETTLE} the live loop runs before its shot: about 25 s, past the first change of posture. */
    private static final int LIVE_STEPS = 21;

    private final Stage stage;
    private final MainView main;
    private final Session session;
    private final Path dir;
    private final String suffix;
    private final Deque<Runnable> steps = new ArrayDeque<>();

    /** {@code suffix} goes into every file name ("-dark", "-1920x1080"), before ".png". */
    ScreenshotTour(Stage stage, MainView main, Session session, Path dir, String suffix) {
        this.stage = stage;
        this.main = main;
        this.session = session;
        this.dir = dir;
        this.suffix = suffix;
    }

    void run() throws IOException {
        Files.createDirectories(dir);
        var programmer = session.programmer();
        steps.add(() -> shoot(stage.getScene(), "main-window.png"));
        // two staggered leads on the spine, from the example file (when the tour runs in the source tree)
        Path spineExample = Path.of("examples", "leads-on-spine.json");
        if (Files.isRegularFile(spineExample)) {
            steps.add(() -> programmer.files().open(spineExample));
            steps.add(() -> shoot(stage.getScene(), "leads-on-spine.png"));
            steps.add(() -> programmer.edits().undo());
        }
        steps.add(() -> {
            programmer.cycleContact(io.dorsal.core.therapy.ContactId.parse("L1.4"));
            session.preview().windowMsProperty().set(12);
        });
        steps.add(() -> shoot(stage.getScene(), "contact-edit.png"));
        steps.add(() -> {
            programmer.edits().undo();
            programmer.fields().amplitudeMaProperty().set(7.0);
        });
        steps.add(() -> shoot(stage.getScene(), "unsafe-edit.png"));
        steps.add(() -> {
            programmer.edits().undo();
            main.runImpedance();
        });
        steps.add(() -> shoot(stage.getScene(), "impedance.png"));
        steps.add(() -> {
            programmer.programs().select(0);
            programmer.fields().enabledProperty().set(false);
            programmer.programs().select(1);
            programmer.fields().patternTypeProperty().set(io.dorsal.programmer.model.PatternType.BURST);
            programmer.fields().amplitudeMaProperty().set(0.9);
            session.preview().windowMsProperty().set(session.preview().twoPeriodsMs());
            main.showLog();
        });
        steps.add(() -> shoot(stage.getScene(), "burst-program.png"));
        steps.add(() -> {
            for (int i = 0; i < 3; i++) {
                programmer.edits().undo();
            }
            programmer.programs().select(0);
            programmer.edits().undo();
            Stage patient = main.openPatientView();
            patient.setX(stage.getX() + 40);
            patient.setY(stage.getY() + 40);
        });
        steps.add(() -> shoot(main.openPatientView().getScene(), "patient-view.png"));
        // connect to rig: a mock rig started by screenshots.sh (stimctl serve --mock), its pairing code in the
        // environment; without one the dialog is shown with its defaults
        var connect = session.connect();
        steps.add(() -> {
            main.openPatientView().hide();
            Optional.ofNullable(System.getenv("DORSAL_TOUR_RIG")).ifPresent(connect.addressProperty()::set);
            Optional.ofNullable(System.getenv("DORSAL_TOUR_CODE")).ifPresent(connect.codeProperty()::set);
            Stage dialog = main.openConnect();
            dialog.setX(stage.getX() + 300);
            dialog.setY(stage.getY() + 120);
        });
        steps.add(() -> shoot(main.openConnect().getScene(), "connect-dialog.png"));
        if (System.getenv("DORSAL_TOUR_RIG") != null) {
            steps.add(() -> {
                // the tour's own identity, not the user's ~/.dorsal/programmer shown in the picture
                Optional.ofNullable(System.getenv("DORSAL_TOUR_IDENTITY")).ifPresent(connect.identityDirProperty()::set);
                main.connectNow();
            });
            steps.add(new Runnable() {
                @Override
                public void run() {
                    if (connect.busyProperty().get()) {
                        steps.addFirst(this); // still connecting: look again after the next pause
                    }
                }
            });
            steps.add(() -> {
                if (!connect.errorProperty().get().isEmpty()) {
                    System.err.println("programmer: could not connect to the tour's rig: " + connect.errorProperty().get());
                }
                shoot(stage.getScene(), "rig-connected.png");
            });
            steps.add(session::disconnect);
        }
        Stage[] ecapStage = new Stage[1];
        // the drug pump workspace: some days on, a bolus given, a refill checked; then an unsafe dose
        steps.add(() -> {
            main.openConnect().hide();
            Stage pump = main.openPump();
            pump.setX(stage.getX() + 20);
            pump.setY(stage.getY() + 20);
            Scene scene = pump.getScene();
            fire(scene, "#pumpAdvanceDay");
            fire(scene, "#pumpBolus");
            spinner(scene, "#pumpDrawnMl").getValueFactory().setValue(19.6);
            fire(scene, "#pumpCheckRefill");
            fire(scene, "#pumpInterrogate");
        });
        steps.add(() -> shoot(main.openPump().getScene(), "pump-workspace.png"));
        steps.add(() -> spinner(main.openPump().getScene(), "#pump-mode-dosePerDay").getValueFactory().setValue(30.0));
        steps.add(() -> shoot(main.openPump().getScene(), "pump-unsafe-dose.png"));
        // the closed-loop workspace for the selected program, after a run of the posture day
        steps.add(() -> {
            main.openPump().hide();
            Stage ecap = main.openEcap();
            ecap.setX(stage.getX() + 10);
            ecap.setY(stage.getY() + 10);
            fire(ecap.getScene(), "#ecapRun");
            ecapStage[0] = ecap;
        });
        steps.add(() -> shoot(ecapStage[0].getScene(), "ecap-workspace.png"));
        // the loop closed live on the embedded generator: let the simulated patient sit for some seconds
        steps.add(() -> {
            ((javafx.scene.control.TabPane) ecapStage[0].getScene().lookup("#ecapTabs")).getSelectionModel().select(1);
            fire(ecapStage[0].getScene(), "#liveClose");
        });
        for (int i = 0; i < LIVE_STEPS; i++) {
            steps.add(() -> { });
        }
        steps.add(() -> shoot(ecapStage[0].getScene(), "ecap-live.png"));
        // the patient: the chooser every session starts with, and the demo patient's record
        Stage[] recordStage = new Stage[1];
        Stage[] chooserStage = new Stage[1];
        session.records().ifPresent(records -> {
            steps.add(() -> {
                ecapStage[0].hide();
                Stage chooser = new Stage();
                javafx.scene.Scene scene = new javafx.scene.Scene(new io.dorsal.programmer.view.PatientChooserView(
                        new io.dorsal.programmer.records.PatientChooser(records), chooser::close), 640, 560);
                scene.getStylesheets().addAll(stage.getScene().getStylesheets());
                chooser.setScene(scene);
                chooser.initOwner(stage);
                chooser.setX(stage.getX() + 300);
                chooser.setY(stage.getY() + 100);
                chooser.show();
                chooserStage[0] = chooser;
            });
            steps.add(() -> shoot(chooserStage[0].getScene(), "patient-chooser.png"));
            steps.add(() -> {
                chooserStage[0].close();
                recordStage[0] = main.openRecord().orElseThrow();
                recordStage[0].setX(stage.getX() + 20);
                recordStage[0].setY(stage.getY() + 20);
            });
            steps.add(() -> shoot(recordStage[0].getScene(), "record-history.png"));
            steps.add(() -> selectTab(recordStage[0].getScene(), 1));
            steps.add(() -> shoot(recordStage[0].getScene(), "record-trial.png"));
            steps.add(() -> selectTab(recordStage[0].getScene(), 2));
            steps.add(() -> shoot(recordStage[0].getScene(), "record-trends.png"));
            steps.add(() -> {
                recordStage[0].hide();
                session.exportReport(dir.resolve("session-report" + suffix + ".pdf"));
            });
        });
        steps.add(() -> {
            ecapStage[0].hide();
            Stage about = main.openAbout();
            about.setX(stage.getX() + 360);
            about.setY(stage.getY() + 200);
        });
        steps.add(() -> shoot(main.openAbout().getScene(), "about.png"));
        steps.add(Platform::exit);
        next();
    }

    private static void selectTab(Scene scene, int index) {
        ((javafx.scene.control.TabPane) scene.lookup("#recordTabs")).getSelectionModel().select(index);
    }

    private static void fire(Scene scene, String id) {
        ((javafx.scene.control.ButtonBase) scene.lookup(id)).fire();
    }

    @SuppressWarnings("unchecked")
    private static javafx.scene.control.Spinner<Double> spinner(Scene scene, String id) {
        return (javafx.scene.control.Spinner<Double>) scene.lookup(id);
    }

    private void next() {
        Runnable step = steps.poll();
        if (step == null) {
            return;
        }
        PauseTransition pause = new PauseTransition(SETTLE);
        pause.setOnFinished(e -> {
            step.run();
            next();
        });
        pause.play();
    }

    private void shoot(Scene scene, String name) {
        WritableImage image = scene.snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Path file = dir.resolve(name.replace(".png", suffix + ".png"));
        try {
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("programmer: wrote " + file + " (" + w + "x" + h + ")");
    }
}
