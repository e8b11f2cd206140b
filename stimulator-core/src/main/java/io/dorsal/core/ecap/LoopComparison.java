package io.dorsal.core.ecap;

import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;

/**
 * Open loop against closed loop for one program of a validated therapy on the same posture script, as the trials
 * compare them (ecap.md): the same cord, the same seed, the program's own rate and pulse width. The clinician set the
 * program's amplitude seated (as the EVOKE dose-response data were taken), so the target is the ECAP that amplitude
 * evokes seated, and open loop keeps that amplitude whatever the posture; closed loop holds the target inside the
 * envelope the validator proved (the patient range, or the amplitude itself when the program has none).
 *
 * @param program   the program's name
 * @param targetUv  the ECAP held, uV
 * @param lowUv     the therapeutic window's lower edge, uV
 * @param highUv    its upper edge, uV
 * @param openLoop  the fixed-current run
 * @param closedLoop the controlled run
 * @param controller the controller of the closed-loop run
 */
public record LoopComparison(String program, double targetUv, double lowUv, double highUv, LoopRun openLoop,
                             LoopRun closedLoop, EcapController controller) {

    /**
     * The therapeutic window as multiples of the target: half the target (about where the patient stops feeling the
     * therapy) to twice it (about where it becomes uncomfortable); Dorsal's stand-in for EVOKE's perception to
     * maximum-comfort window, documented in docs/ecap.md.
     */
    public static final double WINDOW_LOW = 0.5;
    public static final double WINDOW_HIGH = 2.0;
    /** The share of the error corrected a pulse ({@link EcapController#GAIN}). */
    public static final double GAIN = EcapController.GAIN;

    /** Compares the two on a tonic program; refused for other patterns (not modelled yet). */
    public static LoopComparison of(ValidatedTherapy therapy, String programName, PostureScript script,
                                    SpinalCordResponse cord, long seed) {
        return of(therapy, programName, Double.NaN, script, cord, seed);
    }

    /** As the file's closed loop declares it: its program and target (checked by {@link ClosedLoopSettings}). */
    public static LoopComparison of(ValidatedTherapy therapy, ClosedLoopSettings settings, PostureScript script,
                                    SpinalCordResponse cord, long seed) {
        return of(therapy, settings.program(), settings.targetUv(), script, cord, seed);
    }

    private static LoopComparison of(ValidatedTherapy therapy, String programName, double targetOrNaN,
                                     PostureScript script, SpinalCordResponse cord, long seed) {
        Program program = therapy.therapy().program(programName).orElseThrow(() -> new IllegalArgumentException(
                "no program '" + programName + "' in the therapy"));
        if (!(program.pattern() instanceof Pattern.Tonic tonic)) {
            throw new IllegalArgumentException("program '" + programName + "' is " + program.pattern().getClass()
                    .getSimpleName().toLowerCase(java.util.Locale.ROOT) + ": the closed-loop model runs tonic programs");
        }
        double pw = program.pulseWidthUs();
        double amplitude = program.amplitudeMa();
        double target = Double.isNaN(targetOrNaN) ? cord.ecapUv(amplitude, pw, Posture.SITTING.distanceMm())
                : targetOrNaN;
        if (target <= 0) {
            throw new IllegalArgumentException("program '" + programName + "' at " + amplitude + " mA evokes no ECAP"
                    + " seated (threshold " + String.format(java.util.Locale.ROOT, "%.2f",
                    cord.thresholdMa(pw, Posture.SITTING.distanceMm())) + " mA): nothing to hold");
        }
        EcapController controller = EcapController.forProgram(therapy.therapy(), program, target,
                cord.slopeUvPerMa(Posture.SITTING.distanceMm()));
        double rate = tonic.rateHz();
        return new LoopComparison(programName, target, WINDOW_LOW * target, WINDOW_HIGH * target,
                LoopRun.run(cord, script, rate, pw, amplitude, null, seed),
                LoopRun.run(cord, script, rate, pw, amplitude, controller, seed), controller);
    }
}
