package io.dorsal.programmer.ecap;

import io.dorsal.core.ecap.ClosedLoopSettings;
import io.dorsal.core.ecap.LoopComparison;
import io.dorsal.core.ecap.Posture;
import io.dorsal.core.ecap.PostureScript;
import io.dorsal.core.ecap.SpinalCordResponse;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Program;
import io.dorsal.programmer.model.ProgrammerModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The closed-loop workspace (issue 15, item 4) for the program selected in the editor, on the model of the cord
 * (docs/ecap.md): its growth curve in each posture (the clinician's current sweep: threshold and slope), the loop's
 * target and recording contacts, and a run of the posture day open loop against closed loop. Only a safe draft is
 * used; its closed loop is checked by the same rules as a file's. Holds no JavaFX nodes. UI thread only.
 */
public final class EcapModel {

    /** The postures the growth curve is drawn for. */
    public static final List<Posture> CURVE_POSTURES = List.of(Posture.SUPINE, Posture.SITTING, Posture.STANDING);

    private final ProgrammerModel programmer;
    private final SpinalCordResponse cord = SpinalCordResponse.TYPICAL;
    private final PostureScript day;
    private final DoubleProperty targetUv = new SimpleDoubleProperty();
    private final ObjectProperty<ContactId> recordingA = new SimpleObjectProperty<>();
    private final ObjectProperty<ContactId> recordingB = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<LoopComparison> comparison = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public EcapModel(ProgrammerModel programmer) {
        this.programmer = programmer;
        try {
            day = PostureScript.read(PostureDayExample.POSTURE_DAY);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled posture day reads", e);
        }
        reset();
    }

    /** The program the workspace is about: the one selected in the editor. */
    public Program program() {
        return programmer.program();
    }

    /**
     * Back to the program's defaults: the target its amplitude evokes seated, the two contacts of its lead furthest
     * from its stimulating ones that carry no current.
     */
    public void reset() {
        Program p = program();
        targetUv.set(Math.round(cord.ecapUv(p.amplitudeMa(), p.pulseWidthUs(), Posture.SITTING.distanceMm()) * 10) / 10.0);
        List<ContactId> candidates = recordingCandidates();
        recordingA.set(candidates.isEmpty() ? null : candidates.get(candidates.size() - 1));
        recordingB.set(candidates.size() < 2 ? null : candidates.get(candidates.size() - 2));
        comparison.set(null);
        message.set("");
    }

    /** Contacts of the program's lead that carry no current in it, in lead order. */
    public List<ContactId> recordingCandidates() {
        Program p = program();
        Optional<ContactId> stim = p.electrodes().keySet().stream().filter(c -> !c.isCase()).findFirst();
        List<ContactId> out = new ArrayList<>();
        Optional<ValidatedTherapy> therapy = safeTherapy();
        if (stim.isEmpty() || therapy.isEmpty()) {
            return out;
        }
        for (Lead lead : therapy.get().therapy().leads()) {
            if (!lead.name().equals(stim.get().lead())) {
                continue;
            }
            for (int i = 0; i < lead.contactCount(); i++) {
                ContactId c = ContactId.parse(lead.name() + "." + i);
                if (!p.electrodes().containsKey(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** The growth curve in a posture: {currents, ECAPs} from 0 to the program's patient maximum (or 1.5 x its amplitude). */
    public double[][] growthCurve(Posture posture) {
        Program p = program();
        double top = p.patientRange().map(r -> r.maxMa()).orElse(p.amplitudeMa() * 1.5);
        int n = 61;
        double[] ma = new double[n];
        double[] uv = new double[n];
        for (int i = 0; i < n; i++) {
            ma[i] = top * i / (n - 1);
            uv[i] = cord.ecapUv(ma[i], p.pulseWidthUs(), posture.distanceMm());
        }
        return new double[][] {ma, uv};
    }

    /** The growth curve's threshold and slope in a posture, in words. */
    public String describeCurve(Posture posture) {
        Program p = program();
        return String.format(Locale.ROOT, "%s: threshold %.2f mA, slope %.0f uV/mA",
                posture.name().toLowerCase(Locale.ROOT), cord.thresholdMa(p.pulseWidthUs(), posture.distanceMm()),
                cord.slopeUvPerMa(posture.distanceMm()));
    }

    /** The ECAP the loop holds, uV. */
    public DoubleProperty targetUvProperty() {
        return targetUv;
    }

    public ObjectProperty<ContactId> recordingAProperty() {
        return recordingA;
    }

    public ObjectProperty<ContactId> recordingBProperty() {
        return recordingB;
    }

    /** The last run of the posture day, or null. */
    public ReadOnlyObjectProperty<LoopComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** What the last run found, or why it could not run, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The posture day the run follows. */
    public PostureScript day() {
        return day;
    }

    /**
     * Runs the posture day open loop and closed loop with the chosen target and contacts; a draft that is not safe, or
     * a loop the rules refuse, runs nothing and says why.
     */
    public void run() {
        Optional<ValidatedTherapy> therapy = safeTherapy();
        if (therapy.isEmpty()) {
            comparison.set(null);
            message.set("Make the draft safe first: the loop runs only on a therapy the validator proved.");
            return;
        }
        ClosedLoopSettings settings = settings();
        var problems = settings.problems(therapy.get().therapy());
        if (!problems.isEmpty()) {
            comparison.set(null);
            message.set(problems.get(0).message());
            return;
        }
        try {
            LoopComparison c = LoopComparison.of(therapy.get(), settings, day, cord, 1);
            comparison.set(c);
            message.set(String.format(Locale.ROOT, "In the window %.1f %% open loop, %.1f %% closed loop; off target"
                            + " %.1f uV against %.1f uV on average; closed loop used %.2f to %.2f mA.",
                    100 * c.openLoop().fractionWithin(c.lowUv(), c.highUv()),
                    100 * c.closedLoop().fractionWithin(c.lowUv(), c.highUv()),
                    c.openLoop().meanDeviationUv(c.targetUv()), c.closedLoop().meanDeviationUv(c.targetUv()),
                    c.closedLoop().lowestMa(), c.closedLoop().highestMa()));
        } catch (IllegalArgumentException e) {
            comparison.set(null);
            message.set(e.getMessage());
        }
    }

    /** The loop as chosen: this program, the recording contacts, the target (checked by whoever runs it). */
    public ClosedLoopSettings settings() {
        List<ContactId> recording = new ArrayList<>();
        if (recordingA.get() != null) {
            recording.add(recordingA.get());
        }
        if (recordingB.get() != null && !recordingB.get().equals(recordingA.get())) {
            recording.add(recordingB.get());
        }
        return new ClosedLoopSettings(program().name(), recording, targetUv.get());
    }

    /** The simulated patient's cord. */
    public SpinalCordResponse cord() {
        return cord;
    }

    /** The programming screen the workspace belongs to. */
    public ProgrammerModel programmer() {
        return programmer;
    }

    private Optional<ValidatedTherapy> safeTherapy() {
        return programmer.check().validationProperty().get() instanceof Validation.Safe safe
                ? Optional.of(safe.therapy()) : Optional.empty();
    }
}
