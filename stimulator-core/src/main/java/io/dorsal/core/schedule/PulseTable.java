package io.dorsal.core.schedule;

import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.therapy.Amplitudes;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A validated therapy compiled into flat primitive arrays for the real-time path: per program its period,
 * interleave offset, ramp and cycling; per phase its offset, duration, kind and per-channel currents at full
 * amplitude. Built once per therapy, off the real-time thread; immutable afterwards, so any thread may read it.
 *
 * <p>Times are nanoseconds (whole microseconds, the timer tick); currents are microamps, signed, negative
 * cathodic. A channel is one contact of one program.
 */
public final class PulseTable {

    /** Sentinel time for "no cycling" and "no ramp". */
    public static final long NONE = 0L;
    /** Sentinel for "no rise": the program starts at its amplitude (or ramps from zero). */
    public static final int NO_RISE = -1;
    /** Tolerance of the compile-time charge-balance proof, in picocoulombs per contact per period. */
    public static final double BALANCE_TOLERANCE_PC = 1e-3;

    private static final long NS_PER_US = 1_000L;
    private static final long NS_PER_S = 1_000_000_000L;

    private final ContactId[] contacts;
    private final String[] programNames;
    private final long[] periodNs;
    private final long[] offsetNs;
    private final int[] phaseFrom;
    private final int[] phaseTo;
    private final int[] channelFrom;
    private final int[] channelCount;
    private final int[] amplitudeUa;
    private final int amplitudeStepUa;
    private final long[] rampNs;
    private final long[] initialRampNs;
    private final int[] riseFromUa;
    private final int riseStepUa;
    private final long[] cycleOnNs;
    private final long[] cycleOffNs;
    private final int[] channelContact;
    private final long[] phaseOffsetNs;
    private final long[] phaseDurationNs;
    private final PhaseKind[] phaseKind;
    private final boolean[] phasePassive;
    private final double[] phaseDrawUa;
    private final double[] periodDrawPc;
    private final int[] phaseCurrentBase;
    private final double[] phaseCurrentUa;
    private final HyperperiodSequence sequence;

    private PulseTable(Builder b) {
        contacts = b.contacts.toArray(ContactId[]::new);
        programNames = b.programNames.toArray(String[]::new);
        periodNs = b.periodNs.clone();
        offsetNs = b.offsetNs.clone();
        phaseFrom = b.phaseFrom.clone();
        phaseTo = b.phaseTo.clone();
        channelFrom = b.channelFrom.clone();
        channelCount = b.channelCount.clone();
        amplitudeUa = b.amplitudeUa.clone();
        amplitudeStepUa = b.amplitudeStepUa;
        rampNs = b.rampNs.clone();
        initialRampNs = b.initialRampNs.clone();
        riseFromUa = b.riseFromUa.clone();
        riseStepUa = b.riseStepUa;
        cycleOnNs = b.cycleOnNs.clone();
        cycleOffNs = b.cycleOffNs.clone();
        channelContact = b.channelContact.stream().mapToInt(Integer::intValue).toArray();
        phaseOffsetNs = b.phaseOffsetNs.stream().mapToLong(Long::longValue).toArray();
        phaseDurationNs = b.phaseDurationNs.stream().mapToLong(Long::longValue).toArray();
        phaseKind = b.phaseKind.toArray(PhaseKind[]::new);
        phasePassive = new boolean[b.phasePassive.size()];
        for (int i = 0; i < phasePassive.length; i++) {
            phasePassive[i] = b.phasePassive.get(i);
        }
        phaseCurrentBase = b.phaseCurrentBase.stream().mapToInt(Integer::intValue).toArray();
        phaseCurrentUa = b.phaseCurrentUa.stream().mapToDouble(Double::doubleValue).toArray();
        phaseDrawUa = new double[phasePassive.length];
        for (int p = 0; p < periodNs.length; p++) {
            for (int phase = phaseFrom[p]; phase < phaseTo[p]; phase++) {
                double sum = 0;
                for (int c = 0; !phasePassive[phase] && c < channelCount[p]; c++) {
                    sum += Math.max(0.0, -phaseCurrentUa[phaseCurrentBase[phase] + c]);
                }
                phaseDrawUa[phase] = sum;
            }
        }
        periodDrawPc = new double[periodNs.length];
        for (int p = 0; p < periodNs.length; p++) {
            for (int phase = phaseFrom[p]; phase < phaseTo[p]; phase++) {
                periodDrawPc[p] += phaseDrawUa[phase] * (phaseDurationNs[phase] / (double) NS_PER_US);
            }
        }
        sequence = HyperperiodSequence.of(this);
    }

    /** Compiles a therapy whose programs each soft-start with their own {@code rampS}. */
    public static PulseTable compile(ValidatedTherapy therapy) {
        double[] initialRampS = new double[therapy.programCount()];
        for (int p = 0; p < initialRampS.length; p++) {
            initialRampS[p] = therapy.program(p).rampS();
        }
        return compile(therapy, initialRampS);
    }

    /**
     * Compiles a therapy, choosing each program's soft start when the table starts (0 for none: used when
     * only a program's amplitude changed, so that it goes on at the new amplitude at once). Cycling on-times
     * after the first always ramp with the program's own {@code rampS}.
     */
    public static PulseTable compile(ValidatedTherapy therapy, double[] initialRampS) {
        int[] noRise = new int[therapy.programCount()];
        Arrays.fill(noRise, NO_RISE);
        return compile(therapy, initialRampS, noRise);
    }

    /**
     * Compiles a therapy, choosing each program's soft start, and for a program whose amplitude was raised while it
     * ran, the amplitude it rises from ({@link #NO_RISE} for none): it then starts at that amplitude plus the device's
     * {@code maxAmplitudeIncreasePerPeriodMa} and climbs by that step each period until it reaches its own, so that a
     * large increase ramps rather than jumps (a decrease needs no rise: it acts at once).
     */
    public static PulseTable compile(ValidatedTherapy therapy, double[] initialRampS, int[] riseFromUa) {
        int programs = therapy.programCount();
        if (riseFromUa.length != programs) {
            throw new IllegalArgumentException("one rise per program: " + riseFromUa.length + " for " + programs);
        }
        if (initialRampS.length != programs) {
            throw new IllegalArgumentException("one initial ramp per program: " + initialRampS.length + " for " + programs);
        }
        Builder b = new Builder(programs, therapy);
        for (int p = 0; p < programs; p++) {
            Program program = therapy.program(p);
            ProgramTimeline timeline = therapy.timeline(p);
            b.programNames.add(program.name());
            b.periodNs[p] = timeline.periodUs() * NS_PER_US;
            b.offsetNs[p] = therapy.offsetUs(p) * NS_PER_US;
            b.amplitudeUa[p] = Amplitudes.microamps(program.amplitudeMa());
            b.rampNs[p] = secondsToNs(program.rampS());
            b.initialRampNs[p] = secondsToNs(initialRampS[p]);
            b.riseFromUa[p] = riseFromUa[p];
            Cycle cycle = program.cycle().orElse(null);
            b.cycleOnNs[p] = cycle == null ? NONE : cycle.onS() * NS_PER_S;
            b.cycleOffNs[p] = cycle == null ? NONE : cycle.offS() * NS_PER_S;

            List<ContactId> programContacts = new ArrayList<>(program.electrodes().keySet());
            b.channelFrom[p] = b.channelContact.size();
            b.channelCount[p] = programContacts.size();
            int[] stimUa = new int[programContacts.size()];
            for (int c = 0; c < programContacts.size(); c++) {
                b.channelContact.add(b.contacts.indexOf(programContacts.get(c)));
                stimUa[c] = program.contactCurrentUa(programContacts.get(c));
            }
            b.phaseFrom[p] = b.phaseOffsetNs.size();
            for (PhaseSpec phase : timeline.phases()) {
                b.phaseOffsetNs.add(phase.offsetUs() * NS_PER_US);
                b.phaseDurationNs.add(phase.durationUs() * NS_PER_US);
                b.phaseKind.add(phase.kind());
                b.phasePassive.add(phase.kind() == PhaseKind.RECHARGE && program.recharge() instanceof Recharge.Passive);
                b.phaseCurrentBase.add(b.phaseCurrentUa.size());
                for (int c = 0; c < stimUa.length; c++) {
                    b.phaseCurrentUa.add(stimUa[c] * phase.currentFactor());
                }
            }
            b.phaseTo[p] = b.phaseOffsetNs.size();
        }
        PulseTable table = new PulseTable(b);
        table.proveChargeBalance();
        return table;
    }

    private static long secondsToNs(double seconds) {
        return Math.round(seconds * NS_PER_S / NS_PER_US) * NS_PER_US;
    }

    private void proveChargeBalance() {
        for (int p = 0; p < programCount(); p++) {
            for (int c = 0; c < channelCount[p]; c++) {
                double chargePc = 0;
                for (int phase = phaseFrom[p]; phase < phaseTo[p]; phase++) {
                    chargePc += phaseCurrentUa(phase, c) * (phaseDurationNs[phase] / (double) NS_PER_US);
                }
                if (Math.abs(chargePc) > BALANCE_TOLERANCE_PC) {
                    throw new IllegalStateException("program '" + programNames[p] + "' leaves " + chargePc
                            + " pC on " + contacts[channelContact[channelFrom[p] + c]] + " each period");
                }
            }
        }
    }

    // -------------------------------------------------------------------------------------------------
    // read side: allocation-free accessors

    /**
     * Whether program {@code p} of this table and program {@code q} of {@code other} deliver the same phases at the same
     * times from the same origin once both are at full amplitude: the same name, period, interleave offset, cycling
     * and per-period ramp, and phase by phase the same offset, length, kind and current on the same contacts. Their
     * soft starts and rises (relative to each table's origin) are not compared: the caller checks they are over.
     * Off the real-time path.
     */
    public boolean sameDelivery(int p, PulseTable other, int q) {
        if (!programNames[p].equals(other.programNames[q]) || periodNs[p] != other.periodNs[q]
                || offsetNs[p] != other.offsetNs[q] || amplitudeUa[p] != other.amplitudeUa[q]
                || rampNs[p] != other.rampNs[q] || cycleOnNs[p] != other.cycleOnNs[q]
                || cycleOffNs[p] != other.cycleOffNs[q] || channelCount[p] != other.channelCount[q]
                || phaseTo[p] - phaseFrom[p] != other.phaseTo[q] - other.phaseFrom[q]) {
            return false;
        }
        for (int c = 0; c < channelCount[p]; c++) {
            if (!contact(channelContact(p, c)).equals(other.contact(other.channelContact(q, c)))) {
                return false;
            }
        }
        for (int i = 0; i < phaseTo[p] - phaseFrom[p]; i++) {
            int a = phaseFrom[p] + i;
            int b = other.phaseFrom[q] + i;
            if (phaseOffsetNs[a] != other.phaseOffsetNs[b] || phaseDurationNs[a] != other.phaseDurationNs[b]
                    || phaseKind[a] != other.phaseKind[b] || phasePassive[a] != other.phasePassive[b]) {
                return false;
            }
            for (int c = 0; c < channelCount[p]; c++) {
                if (phaseCurrentUa(a, c) != other.phaseCurrentUa(b, c)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The merged phase sequence of one hyperperiod, decided at compile time, or null when the therapy keeps the
     * cursor (its hyperperiod is too long, or a program cycles): see {@link HyperperiodSequence}.
     */
    public HyperperiodSequence sequence() {
        return sequence;
    }

    public int programCount() {
        return periodNs.length;
    }

    public String programName(int program) {
        return programNames[program];
    }

    /** Every contact of every lead, then CASE; a contact index is a position in this list. */
    public int contactCount() {
        return contacts.length;
    }

    public ContactId contact(int contactIndex) {
        return contacts[contactIndex];
    }

    /** The index of a contact in {@link #contact(int)}, or -1. */
    public int contactIndex(ContactId contact) {
        for (int i = 0; i < contacts.length; i++) {
            if (contacts[i].equals(contact)) {
                return i;
            }
        }
        return -1;
    }

    public long periodNs(int program) {
        return periodNs[program];
    }

    public long offsetNs(int program) {
        return offsetNs[program];
    }

    public int phaseFrom(int program) {
        return phaseFrom[program];
    }

    public int phaseTo(int program) {
        return phaseTo[program];
    }

    public int channelCount(int program) {
        return channelCount[program];
    }

    /** The contact index of a program's channel. */
    public int channelContact(int program, int channel) {
        return channelContact[channelFrom[program] + channel];
    }

    public int amplitudeUa(int program) {
        return amplitudeUa[program];
    }

    public int amplitudeStepUa() {
        return amplitudeStepUa;
    }

    public long rampNs(int program) {
        return rampNs[program];
    }

    public long initialRampNs(int program) {
        return initialRampNs[program];
    }

    /** The amplitude a raised program rises from in its first on-time, or {@link #NO_RISE}. */
    public int riseFromUa(int program) {
        return riseFromUa[program];
    }

    /** The most a program's amplitude rises from one period to the next while it rises, in uA. */
    public int riseStepUa() {
        return riseStepUa;
    }

    public long cycleOnNs(int program) {
        return cycleOnNs[program];
    }

    public long cycleOffNs(int program) {
        return cycleOffNs[program];
    }

    public boolean cycles(int program) {
        return cycleOnNs[program] != NONE;
    }

    public long phaseOffsetNs(int phase) {
        return phaseOffsetNs[phase];
    }

    public long phaseDurationNs(int phase) {
        return phaseDurationNs[phase];
    }

    public PhaseKind phaseKind(int phase) {
        return phaseKind[phase];
    }

    /**
     * Whether a phase is a passive recharge window (the output switched so the coupling capacitors discharge)
     * rather than a driven phase. The currents of such a window are its average, balancing current.
     */
    public boolean phasePassive(int phase) {
        return phasePassive[phase];
    }

    /**
     * The current a phase draws from the cell at full amplitude, in uA: the sum of its cathodic channel currents;
     * 0 for a passive window, which only discharges the coupling capacitors.
     */
    public double phaseDrawUa(int phase) {
        return phaseDrawUa[phase];
    }

    /**
     * The charge one period of a program draws from the cell at full amplitude, in pC: each phase's
     * {@link #phaseDrawUa} over its duration.
     */
    public double periodDrawPc(int program) {
        return periodDrawPc[program];
    }

    /** The current of a channel in a phase at full amplitude, in uA. */
    public double phaseCurrentUa(int phase, int channel) {
        return phaseCurrentUa[phaseCurrentBase[phase] + channel];
    }

    /**
     * The amplitude a program delivers in a period that starts {@code sinceStartNs} after the therapy
     * started, in uA: its amplitude, or less while ramping (in whole amplitude steps).
     */
    public int amplitudeUaAt(int program, long sinceStartNs) {
        long onNs = sinceStartNs;
        long ramp = initialRampNs[program];
        boolean firstOnTime = true;
        if (cycles(program)) {
            long cycleNs = cycleOnNs[program] + cycleOffNs[program];
            onNs = Math.floorMod(sinceStartNs, cycleNs);
            if (sinceStartNs >= cycleNs) {
                ramp = rampNs[program];
                firstOnTime = false;
            }
        }
        int full = amplitudeUa[program];
        if (firstOnTime && riseFromUa[program] != NO_RISE) {
            // the period's index from the program's first period: the first is one step above where it rises from
            long period = Math.max(0, Math.floorDiv(sinceStartNs - offsetNs[program], periodNs[program]));
            long level = riseFromUa[program] + (period + 1) * (long) riseStepUa;
            return level >= full ? full : (int) level;
        }
        if (ramp == NONE || onNs >= ramp) {
            return full;
        }
        long steps = (full * onNs) / ramp / amplitudeStepUa;
        return (int) Math.min(full, steps * amplitudeStepUa);
    }

    /** Whether a program is in the off-time of its cycling at a time since therapy start. */
    public boolean cyclingOffAt(int program, long sinceStartNs) {
        if (!cycles(program)) {
            return false;
        }
        return Math.floorMod(sinceStartNs, cycleOnNs[program] + cycleOffNs[program]) >= cycleOnNs[program];
    }

    /** Whether a program is climbing from a raised amplitude's start to it, at a time since therapy start. */
    public boolean risingAt(int program, long sinceStartNs) {
        boolean firstOnTime = !cycles(program) || sinceStartNs < cycleOnNs[program] + cycleOffNs[program];
        return riseFromUa[program] != NO_RISE && firstOnTime && !cyclingOffAt(program, sinceStartNs)
                && amplitudeUaAt(program, sinceStartNs) < amplitudeUa[program];
    }

    /** Whether a program is below its amplitude because it is ramping (or rising), at a time since therapy start. */
    public boolean rampingAt(int program, long sinceStartNs) {
        return !cyclingOffAt(program, sinceStartNs) && amplitudeUaAt(program, sinceStartNs) < amplitudeUa[program];
    }

    /**
     * Average current the program draws from its sources over a long time, in uA: the magnitude of every driven
     * phase's charge (passive windows draw nothing), per second, times the cycling's on fraction. Used by the
     * battery model.
     */
    public double averageDeliveredUa(int program) {
        double chargePcPerPeriod = 0;
        for (int phase = phaseFrom[program]; phase < phaseTo[program]; phase++) {
            if (phasePassive[phase]) {
                continue; // capacitor discharge draws nothing from the cell
            }
            double sumUa = 0;
            for (int c = 0; c < channelCount[program]; c++) {
                double ua = phaseCurrentUa(phase, c);
                if (ua < 0) {
                    sumUa -= ua;
                }
            }
            chargePcPerPeriod += sumUa * (phaseDurationNs[phase] / (double) NS_PER_US);
        }
        double averageUa = chargePcPerPeriod / (periodNs[program] / (double) NS_PER_US);
        if (cycles(program)) {
            averageUa *= (double) cycleOnNs[program] / (cycleOnNs[program] + cycleOffNs[program]);
        }
        return averageUa;
    }

    @Override
    public String toString() {
        return "PulseTable" + Arrays.toString(programNames);
    }

    private static final class Builder {
        final List<ContactId> contacts = new ArrayList<>();
        final List<String> programNames = new ArrayList<>();
        final long[] periodNs;
        final long[] offsetNs;
        final int[] phaseFrom;
        final int[] phaseTo;
        final int[] channelFrom;
        final int[] channelCount;
        final int[] amplitudeUa;
        final int amplitudeStepUa;
        final long[] rampNs;
        final long[] initialRampNs;
        final int[] riseFromUa;
        final int riseStepUa;
        final long[] cycleOnNs;
        final long[] cycleOffNs;
        final List<Integer> channelContact = new ArrayList<>();
        final List<Long> phaseOffsetNs = new ArrayList<>();
        final List<Long> phaseDurationNs = new ArrayList<>();
        final List<PhaseKind> phaseKind = new ArrayList<>();
        final List<Boolean> phasePassive = new ArrayList<>();
        final List<Integer> phaseCurrentBase = new ArrayList<>();
        final List<Double> phaseCurrentUa = new ArrayList<>();

        Builder(int programs, ValidatedTherapy therapy) {
            periodNs = new long[programs];
            offsetNs = new long[programs];
            phaseFrom = new int[programs];
            phaseTo = new int[programs];
            channelFrom = new int[programs];
            channelCount = new int[programs];
            amplitudeUa = new int[programs];
            rampNs = new long[programs];
            initialRampNs = new long[programs];
            riseFromUa = new int[programs];
            riseStepUa = Amplitudes.microamps(therapy.therapy().limits().maxAmplitudeIncreasePerPeriodMa());
            cycleOnNs = new long[programs];
            cycleOffNs = new long[programs];
            amplitudeStepUa = Amplitudes.microamps(therapy.therapy().limits().amplitudeStepMa());
            for (Lead lead : therapy.therapy().leads()) {
                for (int i = 0; i < lead.contactCount(); i++) {
                    contacts.add(lead.contact(i));
                }
            }
            contacts.add(ContactId.CASE);
        }
    }
}
