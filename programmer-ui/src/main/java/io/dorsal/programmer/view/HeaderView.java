package io.dorsal.programmer.view;

import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.programmer.model.GeneratorModel;
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

    HeaderView(GeneratorModel generator, Runnable openPatientView) {
        setId("header");
        getStyleClass().add("header");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(14);
        setPadding(new Insets(6, 10, 6, 10));

        Label title = Controls.label("Dorsal Programmer", "title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label link = Controls.label(generator.linkDescription(), "link");
        link.setId("link");
        link.setMinWidth(Region.USE_PREF_SIZE);

        Label mode = new Label();
        mode.setId("mode");
        mode.setMinWidth(Region.USE_PREF_SIZE);
        mode.textProperty().bind(Bindings.createStringBinding(() -> "Mode: " + modeText(generator.mode())
                + (generator.faultProperty().get().isEmpty() ? "" : " (" + generator.faultProperty().get() + ")"),
                generator.modeProperty(), generator.faultProperty()));
        generator.modeProperty().addListener((obs, was, now) -> styleMode(mode, now));
        styleMode(mode, generator.mode());

        Label programs = new Label();
        programs.setId("programsRunning");
        programs.textProperty().bind(Bindings.concat("Programs: ", generator.programsProperty()));
        programs.setMinWidth(Region.USE_PREF_SIZE);
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

        Button onOff = new Button();
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
        Button patient = new Button("Patient view");
        patient.setId("patientView");
        patient.setOnAction(e -> openPatientView.run());

        stopAll.setId("stopAll");
        stopAll.getStyleClass().add("stop-all");
        stopAll.setMinWidth(Region.USE_PREF_SIZE);
        stopAll.setTooltip(Controls.tip("Stops every output at once and drives it safe (Esc or Ctrl+Shift+S)."));
        stopAll.setOnAction(e -> generator.stopAll());

        for (Button b : new Button[] {onOff, clear, patient}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        getChildren().addAll(title, link, mode, programs, battery, spring, onOff, clear, patient, stopAll);
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

    private static void styleMode(Label label, GeneratorMode mode) {
        label.getStyleClass().removeAll("mode-on", "mode-off", "mode-fault");
        label.getStyleClass().add(switch (mode) {
            case FAULT -> "mode-fault";
            case OFF -> "mode-off";
            default -> "mode-on";
        });
    }
}
