package io.dorsal.programmer;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.therapy.TherapySets;
import io.dorsal.core.time.SystemClock;
import io.dorsal.programmer.link.EmbeddedLink;
import io.dorsal.programmer.link.StimulatorLink;
import io.dorsal.programmer.model.Session;
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
 * screens, writes a PNG of each to DIR and quits (used by programmer-ui/screenshots.sh).
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

    @Override
    public void start(Stage stage) throws Exception {
        List<String> args = getParameters().getRaw();
        TherapySets sets = option(args, "--file").map(ProgrammerApp::readOrExit)
                .orElseGet(() -> TherapySets.single(bundled()));
        Therapy therapy = sets.active();
        String clinician = option(args, "--clinician").orElse(System.getProperty("user.name", "clinician"));

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
        MainView main = new MainView(session, FileDialogs.system());
        Scene scene = new Scene(main, WIDTH, HEIGHT);
        scene.getStylesheets().add(stylesheet());
        main.install(scene);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.concat("Dorsal Programmer — ",
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
            new ScreenshotTour(stage, main, session, Path.of(shots.get())).run();
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

    private static Optional<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
    }
}
