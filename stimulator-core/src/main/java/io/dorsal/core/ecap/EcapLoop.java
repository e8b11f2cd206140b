package io.dorsal.core.ecap;

import io.dorsal.core.schedule.PulseTable;

/**
 * The closed loop on the generator's real-time path (docs/ecap.md, "On the generator"): once a period of its program,
 * when the period opens, it reads the ECAP the previous pulse evoked from its {@link EcapSource}, lets the
 * {@link EcapController} choose this period's current, and gives the factor the period's compiled currents are
 * multiplied by (stimulation and recharge alike, so each period stays charge balanced). Every current it chooses lies
 * in the controller's envelope (the patient range the validator proved) and rises by at most the amplitude-step rule
 * a period.
 *
 * <p>While the program soft-starts (its ramp scale below 1) the loop leaves the ramp alone and starts afresh at the
 * programmed amplitude when the ramp ends. A lost recording holds the current; after {@link #FALLBACK_AFTER_PULSES}
 * lost pulses in a row the loop falls back to open loop: the programmed amplitude (a decrease at once, a rise by the
 * step a period), kept until a recording comes back, when control resumes from there. The control side reads what
 * the loop does through volatile fields and logs the fallback ({@code PulseGenerator.housekeeping}).
 *
 * <p>Real-time thread only for {@link #periodFactor} and {@link #factor}; allocation-free, no locks, no logging.
 */
public final class EcapLoop {

    /** Lost pulses in a row after which the loop falls back to the programmed amplitude ({@link EcapController}). */
    public static final int FALLBACK_AFTER_PULSES = EcapController.FALLBACK_AFTER_PULSES;

    private final PulseTable table;
    private final int program;
    private final double programmedMa;
    private final EcapController controller;
    private final EcapSource source;

    // real-time state
    private boolean hasLast;
    private long lastStartNs;
    private double lastMa;
    private int lostInRow;
    private double factor = 1.0;

    // published to the control side (written once a period)
    private volatile double currentMa;
    private volatile double lastEcapUv = Double.NaN;
    private volatile boolean openLoop;
    private volatile long pulses;
    private volatile long lostPulses;

    /**
     * @param table        the compiled table the loop's program runs in (the loop acts on that table's phases only)
     * @param program      the program's index in the table
     * @param programmedMa the program's amplitude, at which its currents were compiled, mA
     */
    public EcapLoop(PulseTable table, int program, double programmedMa, EcapController controller, EcapSource source) {
        if (!(programmedMa > 0)) {
            throw new IllegalArgumentException("a closed-loop program has an amplitude above 0: " + programmedMa);
        }
        this.table = table;
        this.program = program;
        this.programmedMa = programmedMa;
        this.controller = controller;
        this.source = source;
        this.currentMa = programmedMa;
    }

    public PulseTable table() {
        return table;
    }

    public int program() {
        return program;
    }

    public EcapController controller() {
        return controller;
    }

    /**
     * A period of the program opens at {@code startNs} with the scheduler's ramp scale: measures the last pulse,
     * chooses this period's current, and returns the factor its compiled currents are multiplied by.
     */
    public double periodFactor(long startNs, double rampScale) {
        if (rampScale < 1.0) {
            hasLast = false;
            lostInRow = 0;
            factor = 1.0;
            currentMa = programmedMa * rampScale;
            return factor;
        }
        double next;
        if (!hasLast) {
            next = controller.withinEnvelope(programmedMa);
        } else {
            double measured = source.sampleUv(lastStartNs, lastMa);
            lastEcapUv = measured;
            if (Double.isNaN(measured)) {
                lostPulses++;
                lostInRow++;
            } else {
                lostInRow = 0;
            }
            openLoop = lostInRow >= FALLBACK_AFTER_PULSES;
            next = controller.nextMa(lastMa, measured, lostInRow, programmedMa);
        }
        hasLast = true;
        lastStartNs = startNs;
        lastMa = next;
        pulses++;
        currentMa = next;
        factor = next / programmedMa;
        return factor;
    }

    /** The factor of the period under way (1 before the first). */
    public double factor() {
        return factor;
    }

    /** What the loop is doing, for the control side. */
    public State state() {
        return new State(currentMa, lastEcapUv, openLoop, pulses, lostPulses);
    }

    /**
     * What the loop did last, as the control side sees it.
     *
     * @param currentMa  the current of the period under way, mA
     * @param lastEcapUv the last ECAP measured, uV (NaN: lost, or none yet)
     * @param openLoop   whether the loop has fallen back to the programmed amplitude
     * @param pulses     periods the loop chose a current for
     * @param lostPulses pulses whose recording was lost
     */
    public record State(double currentMa, double lastEcapUv, boolean openLoop, long pulses, long lostPulses) {
    }
}
