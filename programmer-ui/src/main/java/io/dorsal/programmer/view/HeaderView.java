package io.dorsal.programmer.view;

import atlantafx.base.theme.Styles;
import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.programmer.model.GeneratorModel;
import io.dorsal.programmer.model.Session;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The generator header, always in sight: what the programmer talks to, mode, programs on the generator,
 * battery with days left, therapy on and off, and STOP ALL.
 */
final class HeaderView extends HBox {

    private final Button stopAll = new Button("STOP ALL");

    HeaderView(Session session, Runnable openPatientView, Runnable openConnect, Runnable openRecord) {
        GeneratorModel generator = session.generator();
        setId("header");
        getStyleClass().add("header");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(7);
        setPadding(new Insets(6, 10, 6, 10));

        // the window's title says "Dorsal Programmer"; the header keeps its width for what the programmer talks to
        Label link = Controls.label("", "link");
        link.setId("link");
        link.setMinWidth(120);
        link.textProperty().bind(generator.descriptionProperty());
        session.remoteProperty().addListener((obs, was, remote) -> styleLink(link, remote,
                !generator.linkProblemProperty().get().isEmpty()));
        generator.linkProblemProperty().addListener((obs, was, now) -> styleLink(link, session.remoteProperty().get(),
                !now.isEmpty()));
        link.tooltipProperty().bind(Bindings.createObjectBinding(() -> Controls.tip(
                generator.linkProblemProperty().get().isEmpty() ? generator.linkDescription()
                        : generator.linkProblemProperty().get()), generator.descriptionProperty(),
                generator.linkProblemProperty()));
        Button connect = Icons.CONNECT.on(new Button());
        connect.setId("connectRig");
        connect.textProperty().bind(Bindings.when(session.remoteProperty()).then("Disconnect")
                .otherwise("Connect to rig…"));
        connect.setTooltip(Controls.tip("Connect to a rig over the authenticated link, or go back to the embedded "
                + "generator. Therapy on the rig runs on as programmed when the programmer disconnects."));
        connect.setOnAction(e -> {
            if (session.remoteProperty().get()) {
                session.disconnect();
            } else {
                openConnect.run();
            }
        });

        Label mode = new Label();
        mode.setId("mode");
        // a long fault reason is cut short here (in full in its tooltip) rather than push STOP ALL out of sight
        mode.setMinWidth(110);
        mode.tooltipProperty().bind(Bindings.createObjectBinding(() -> Controls.tip(mode.getText()),
                mode.textProperty()));
        mode.textProperty().bind(Bindings.createStringBinding(() -> "Mode: " + modeText(generator.mode())
                + (generator.faultProperty().get().isEmpty() ? "" : " (" + generator.faultProperty().get() + ")"),
                generator.modeProperty(), generator.faultProperty()));
        generator.modeProperty().addListener((obs, was, now) -> styleMode(mode, now));
        styleMode(mode, generator.mode());

        Label programs = new Label();
        programs.setId("programsRunning");
        programs.textProperty().bind(Bindings.concat("Programs: ", generator.programsProperty()));
        programs.setMinWidth(90);
        programs.tooltipProperty().bind(Bindings.createObjectBinding(() -> Controls.tip(programs.getText()),
                programs.textProperty()));
        HBox.setHgrow(programs, Priority.SOMETIMES);

        Label battery = new Label();
        battery.setId("battery");
        battery.setMinWidth(Region.USE_PREF_SIZE);
        battery.textProperty().bind(Bindings.createStringBinding(() -> "Battery " + generator.batteryText(),
                generator.batteryPercentProperty(), generator.daysLeftProperty()));
        generator.batteryLowProperty().addListener((obs, was, low) -> {
            battery.getStyleClass().remove("warning");
            if (low) {
                battery.getStyleClass().add("warning");
            }
        });

        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);

        Button onOff = Icons.POWER.on(new Button());
        onOff.setId("therapyOnOff");
        onOff.textProperty().bind(Bindings.when(generator.runningProperty()).then("Therapy off").otherwise("Therapy on"));
        onOff.setTooltip(Controls.tip("Therapy off stops at the next pulse boundary, every pulse balanced; "
                + "therapy on soft-starts each program with its ramp."));
        onOff.setOnAction(e -> {
            if (generator.runningProperty().get()) {
                generator.therapyOff();
            } else {
                generator.therapyOn();
            }
        });
        Button clear = new Button("Clear fault");
        clear.setId("clearFault");
        clear.setOnAction(e -> generator.clearFault());
        clear.visibleProperty().bind(generator.faultProperty().isNotEmpty());
        clear.managedProperty().bind(clear.visibleProperty());
        Button patient = Icons.PATIENT.on(new Button("Patient view"));
        patient.setId("patientView");
        patient.setOnAction(e -> openPatientView.run());

        stopAll.setId("stopAll");
        stopAll.getStyleClass().addAll("stop-all", Styles.DANGER);
        Icons.STOP_ALL.on(stopAll);
        stopAll.setMinWidth(Region.USE_PREF_SIZE);
        stopAll.setTooltip(Controls.tip("Stops every output at once and drives it safe (Esc or Ctrl+Shift+S)."));
        stopAll.setOnAction(e -> generator.stopAll());

        for (Button b : new Button[] {connect, onOff, clear, patient}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        getChildren().addAll(link, connect, mode, programs, battery, spring, onOff, clear, patient, stopAll);
        // whom the programmer is programming, first in the header; opens their record
        session.records().ifPresent(records -> {
            Button record = Icons.RECORD.on(new Button());
            record.setId("recordButton");
            record.setMinWidth(Region.USE_PREF_SIZE);
            record.textProperty().bind(Bindings.createStringBinding(() -> {
                var p = records.patientProperty().get();
                return p == null ? "No patient" : p.familyName() + ", " + p.givenName().charAt(0) + ". · "
                        + p.clinicNumber();
            }, records.patientProperty()));
            record.setTooltip(Controls.tip("The patient's record: history, trial diary, trends (Ctrl+R)"));
            record.setOnAction(e -> openRecord.run());
            getChildren().addFirst(record);
        });
    }

    Button stopAllButton() {
        return stopAll;
    }

    private static String modeText(GeneratorMode mode) {
        return switch (mode) {
            case OFF -> "OFF";
            case RAMPING -> "RAMPING";
            case ON -> "ON";
            case CYCLING_OFF -> "CYCLING (off time)";
            case FAULT -> "FAULT";
        };
    }

    private static void styleLink(Label label, boolean remote, boolean problem) {
        label.getStyleClass().removeAll("remote", "warning");
        if (remote) {
            label.getStyleClass().add("remote");
        }
        if (problem) {
            label.getStyleClass().add("warning");
        }
    }

    private static void styleMode(Label label, GeneratorMode mode) {
        label.getStyleClass().removeAll("mode-on", "mode-off", "mode-fault");
        label.getStyleClass().add(switch (mode) {
            case FAULT -> "mode-fault";
            case OFF -> "mode-off";
            default -> "mode-on";
        });
    }
}
