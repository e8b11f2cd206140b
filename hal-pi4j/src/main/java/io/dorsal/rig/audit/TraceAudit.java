package io.dorsal.rig.audit;

import io.dorsal.core.safety.ContactLoad;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.schedule.PhaseKind;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.output.RigPlan;
import io.dorsal.rig.pins.GpioLine;
import io.dorsal.rig.pins.LineRole;
import io.dorsal.rig.pins.PinMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a rig trace against the pin map and the therapy that ran: what the rig delivered, not what it was told.
 * Each ENABLE window (ENABLE at its active level) is one driven phase; its charge on each contact is the current of
 * the source its active line connects (the source's setting through its calibration, cathode negative) times the
 * time between the trace's stamps. The rules, each named in docs/bench-rig.md ("Auditing a trace"):
 *
 * <ul>
 *   <li><b>safe start</b>: every line and source appears at its safe level before ENABLE first goes active;</li>
 *   <li><b>lines steady while enabled</b>: no contact, discharge or source line changes while ENABLE is active;</li>
 *   <li><b>planned phase</b>: every ENABLE window closes the lines of one of the therapy's phases;</li>
 *   <li><b>phase length</b>: no window lasts longer than its phase's width plus the bound (a recharge also the
 *       stretch that returns its stimulation's overrun), unless it is the run's last window, where the run faulted;</li>
 *   <li><b>merged pulses</b>: two stimulation windows of a program are never closer than half their programmed
 *       separation, nor closer than the bound;</li>
 *   <li><b>charge balance</b>: with active recharge every contact's charge sums to zero over each period (within
 *       the trace's 1 us resolution), or over a period and the few after it that return its excess (the runner
 *       carries a recharge's overrun into its next recharges); with passive recharge each burst is followed by its
 *       discharge window, at least its programmed length less the bound, before the program's next stimulation;</li>
 *   <li><b>discharge after stop</b>: after the last ENABLE window the discharge line closes for at least
 *       {@link #DISCHARGE_TIME_CONSTANTS} time constants (R x C) of the therapy's slowest contact;</li>
 *   <li><b>safe end</b>: every line and source ends at its safe level;</li>
 *   <li><b>sync</b> (when the trace has the pin map's sync output): every stimulation window is marked by the sync
 *       going active within the bound of its start (a mark later in the window is one finding, "marked N us after
 *       its start"), and the sync marks nothing else;</li>
 *   <li><b>trigger</b> (when the trace has trigger rows): no ENABLE window before the first trigger.</li>
 * </ul>
 *
 * <p>Rows whose line the pin map does not name (measured rows, markers) are ignored. Not thread safe; allocates
 * freely (it runs after a run, never on the real-time path).
 */
public final class TraceAudit {

    /**
     * How far a phase may run past its width, in us, unless told otherwise: the rig's own overrun bound
     * ({@link Pi4jOutputStage#DEFAULT_OVERRUN_BOUND_NS}), past which the runner faults. Audit a run with the bound it
     * ran with (the mock's is looser).
     */
    public static final long DEFAULT_BOUND_US = Pi4jOutputStage.DEFAULT_OVERRUN_BOUND_NS / 1_000;
    /** Time constants the discharge after a stop must last: e^-5, under 1 % of the charge, is left. */
    public static final int DISCHARGE_TIME_CONSTANTS = 5;
    /** The trace's time resolution: each window's length is known to within this. */
    private static final double STAMP_RESOLUTION_US = 1.0;
    /** Relative balance tolerance besides the trace's resolution (the calibration's own rounding). */
    private static final double BALANCE_TOLERANCE_FRACTION = 0.005;
    private static final double PC_PER_UC = 1e6;
    /** Most periods an off-balance period's return is followed over, whatever the bound (a bound of milliseconds). */
    private static final int MAX_RETURN_PERIODS = 100;

    private final PinMap map;
    private final PulseTable table;
    private final RigPlan plan;
    private final long boundUs;
    private final Map<String, Integer> gpioByName = new HashMap<>();
    private final Map<String, Integer> sourceByName = new HashMap<>();
    private final Map<String, List<Integer>> phasesByLines = new HashMap<>();
    private final int[] programOfPhase;
    private final int[] contactOfLine;
    private final List<ContactId> contacts;
    private final double[] timeConstantUs;
    private final double slowestTimeConstantUs;

    /**
     * @param boundUs how far a phase may run past its width; {@link #DEFAULT_BOUND_US} unless the run used another
     * @throws IllegalArgumentException when the rig cannot render the therapy (no run could have traced it)
     */
    public TraceAudit(PinMap map, ValidatedTherapy therapy, long boundUs) {
        if (boundUs < 1) {
            throw new IllegalArgumentException("the bound must be at least 1 us, was " + boundUs);
        }
        this.map = map;
        this.boundUs = boundUs;
        this.table = PulseTable.compile(therapy);
        this.plan = switch (RigPlan.plan(table, map)) {
            case RigPlan.Result.Renderable r -> r.plan();
            case RigPlan.Result.NotRenderable n -> throw new IllegalArgumentException(
                    "this rig cannot render the therapy, so no run of it can be audited: " + n.problems().get(0));
        };
        for (int i = 0; i < map.lines().size(); i++) {
            gpioByName.put(map.lines().get(i).name(), i);
        }
        for (int s = 0; s < map.sources().size(); s++) {
            sourceByName.put(map.sources().get(s).line(), s);
        }
        int phases = table.phaseTo(table.programCount() - 1);
        programOfPhase = new int[phases];
        for (int p = 0; p < table.programCount(); p++) {
            for (int phase = table.phaseFrom(p); phase < table.phaseTo(p); phase++) {
                programOfPhase[phase] = p;
                if (plan.gated(phase)) {
                    phasesByLines.computeIfAbsent(key(linesOf(phase)), k -> new ArrayList<>()).add(phase);
                }
            }
        }
        contacts = map.contacts();
        contactOfLine = new int[map.lines().size()];
        for (int i = 0; i < contactOfLine.length; i++) {
            GpioLine line = map.lines().get(i);
            contactOfLine[i] = line.contact().map(contacts::indexOf).orElse(-1);
        }
        timeConstantUs = new double[contacts.size()];
        double slowest = 0;
        for (int p = 0; p < therapy.programCount(); p++) {
            for (ContactLoad load : therapy.load(p).contacts()) {
                int c = contacts.indexOf(load.contact());
                double tau = load.load().timeConstantUs();
                if (c >= 0) {
                    timeConstantUs[c] = Math.max(timeConstantUs[c], tau);
                }
                slowest = Math.max(slowest, tau);
            }
        }
        for (int c = 0; c < timeConstantUs.length; c++) {
            if (timeConstantUs[c] == 0) {
                timeConstantUs[c] = slowest;
            }
        }
        slowestTimeConstantUs = slowest;
    }

    /** How long the discharge line must stay closed after the last ENABLE window, in us. */
    public long requiredDischargeUs() {
        return (long) Math.ceil(DISCHARGE_TIME_CONSTANTS * slowestTimeConstantUs);
    }

    /** Audits a trace. */
    public AuditReport audit(List<TraceRow> rows) {
        return new Pass(rows).run();
    }

    private int[] linesOf(int phase) {
        int[] lines = new int[plan.lineCount(phase)];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = plan.line(phase, i);
        }
        return lines;
    }

    private static String key(int[] lines) {
        int[] sorted = lines.clone();
        Arrays.sort(sorted);
        return Arrays.toString(sorted);
    }

    private double sourceUa(int source, int setting) {
        if (setting < 0) {
            return 0;
        }
        return map.sources().get(source).calibration().microampsAt(Math.min(setting,
                map.sources().get(source).calibration().steps()));
    }

    private static String uc(double pc) {
        return String.format(java.util.Locale.ROOT, "%+.4f uC", pc / PC_PER_UC);
    }

    /** One ENABLE window as the trace shows it. */
    private record Window(long startUs, long endUs, int phase, double[] chargePc, double[] magnitudePc) {
        long lengthUs() {
            return endUs - startUs;
        }
    }

    /** One walk through a trace. */
    private final class Pass {
        private final List<TraceRow> rows;
        private final List<AuditFinding> findings = new ArrayList<>();
        private final int[] level;
        private final int[] setting;
        private final double[] netPc;
        private final List<Window> windows = new ArrayList<>();
        private final List<long[]> dischargeWindows = new ArrayList<>();
        private long windowStartUs = -1;
        private String windowLines = "";
        private double[] windowCharge;
        private double[] windowMagnitude;
        private long dischargeStartUs = -1;
        private long lastUs;
        private boolean enabledSeen;
        /** When the sync output went active, in order. */
        private final List<Long> syncOnUs = new ArrayList<>();
        private int syncLevel = -1;
        /** When the runner took the first trigger edge, or -1. */
        private long firstTriggerUs = -1;
        private boolean triggerSeen;

        Pass(List<TraceRow> rows) {
            this.rows = rows;
            level = new int[map.lines().size()];
            setting = new int[map.sources().size()];
            Arrays.fill(level, -1);
            Arrays.fill(setting, -1);
            netPc = new double[contacts.size()];
        }

        AuditReport run() {
            for (TraceRow row : rows) {
                advanceTo(row.tUs());
                Integer gpio = gpioByName.get(row.line());
                Integer source = sourceByName.get(row.line());
                if (gpio != null) {
                    onLine(row, gpio);
                } else if (source != null) {
                    onSource(row, source);
                } else if (map.sync().isPresent() && row.line().equals(map.sync().get().name())) {
                    onSync(row);
                } else if (map.trigger().isPresent() && row.line().equals(map.trigger().get().name())) {
                    triggerSeen = true;
                    if (firstTriggerUs < 0) {
                        firstTriggerUs = row.tUs();
                    }
                }
            }
            long endUs = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).tUs();
            if (windowStartUs >= 0) {
                findings.add(new AuditFinding(endUs, "safe end", "the trace ends with " + map.enable().name()
                        + " active since t=" + windowStartUs + " us"));
            }
            if (dischargeStartUs >= 0) {
                dischargeWindows.add(new long[] {dischargeStartUs, endUs});
            }
            checkSafeEnd(endUs);
            Figures figures = checkWindows();
            checkSyncAndTrigger();
            checkDischargeAfterStop(endUs);
            findings.sort(java.util.Comparator.comparingLong(AuditFinding::tUs));
            double worstResidual = 0;
            String residualContact = "";
            for (int c = 0; c < netPc.length; c++) {
                if (Math.abs(netPc[c]) > Math.abs(worstResidual)) {
                    worstResidual = netPc[c];
                    residualContact = contacts.get(c).toString();
                }
            }
            return new AuditReport(List.copyOf(findings), windows.size(), figures.periods, figures.unbalanced,
                    figures.worstImbalancePc / PC_PER_UC, figures.worstImbalanceContact, figures.longestOverUs,
                    figures.longestUs, figures.longestProgrammedUs, figures.merged, figures.faultedWindow,
                    worstResidual / PC_PER_UC, residualContact);
        }

        private void onSync(TraceRow row) {
            int safe = map.sync().get().safeLevel();
            if (syncLevel < 0 && row.value() != safe) {
                findings.add(new AuditFinding(row.tUs(), "sync", map.sync().get().name() + " first appears at "
                        + row.value() + "; its level between pulses is " + safe));
            }
            if (row.value() != safe && syncLevel != row.value()) {
                syncOnUs.add(row.tUs());
            }
            syncLevel = row.value();
        }

        /**
         * With a sync output in the trace: every stimulation window is marked by the sync going active at most the bound
         * after ENABLE did, and the sync goes active at no other time. With trigger rows: no window before the first.
         */
        private void checkSyncAndTrigger() {
            if (triggerSeen) {
                for (Window w : windows) {
                    if (w.startUs() < firstTriggerUs) {
                        findings.add(new AuditFinding(w.startUs(), "trigger", map.enable().name() + " went active at t="
                                + w.startUs() + " us, before the first trigger (t=" + firstTriggerUs + " us)"));
                        break;
                    }
                }
            }
            if (syncLevel < 0) {
                return;
            }
            int next = 0;
            for (Window w : windows) {
                if (w.phase() < 0 || table.phaseKind(w.phase()) != PhaseKind.STIM) {
                    continue;
                }
                while (next < syncOnUs.size() && syncOnUs.get(next) < w.startUs()) {
                    findings.add(new AuditFinding(syncOnUs.get(next), "sync", map.sync().get().name()
                            + " marked a pulse at t=" + syncOnUs.get(next) + " us where none was delivered"));
                    next++;
                }
                if (next < syncOnUs.size() && syncOnUs.get(next) <= Math.min(w.endUs(), w.startUs() + boundUs)) {
                    next++;
                } else if (next < syncOnUs.size() && syncOnUs.get(next) <= w.endUs()) {
                    // marked, but late: one finding for the one mark, not a missing mark and a stray one
                    findings.add(new AuditFinding(w.startUs(), "sync", "the stimulation pulse at t=" + w.startUs()
                            + " us was marked on " + map.sync().get().name() + " " + (syncOnUs.get(next) - w.startUs())
                            + " us after its start (bound " + boundUs + " us)"));
                    next++;
                } else {
                    findings.add(new AuditFinding(w.startUs(), "sync", "the stimulation pulse at t=" + w.startUs()
                            + " us has no " + map.sync().get().name() + " mark within " + boundUs + " us of its start"));
                }
            }
            for (; next < syncOnUs.size(); next++) {
                findings.add(new AuditFinding(syncOnUs.get(next), "sync", map.sync().get().name()
                        + " marked a pulse at t=" + syncOnUs.get(next) + " us where none was delivered"));
            }
        }

        /** Integrates the charge from the last stamp to {@code tUs} with the levels as they stood. */
        private void advanceTo(long tUs) {
            long dtUs = tUs - lastUs;
            lastUs = tUs;
            if (dtUs <= 0) {
                return;
            }
            if (windowStartUs >= 0) {
                for (int i = 0; i < level.length; i++) {
                    GpioLine line = map.lines().get(i);
                    if (contactOfLine[i] < 0 || level[i] != line.activeLevel()) {
                        continue;
                    }
                    double ua = sourceUa(line.source(), setting[line.source()]);
                    double pc = (line.role() == LineRole.CATHODE ? -ua : ua) * dtUs;
                    windowCharge[contactOfLine[i]] += pc;
                    windowMagnitude[contactOfLine[i]] += Math.abs(ua) * STAMP_RESOLUTION_US;
                    netPc[contactOfLine[i]] += pc;
                }
            } else if (dischargeStartUs >= 0) {
                for (int c = 0; c < netPc.length; c++) {
                    if (timeConstantUs[c] > 0) {
                        netPc[c] *= Math.exp(-dtUs / timeConstantUs[c]);
                    }
                }
            }
        }

        private void onLine(TraceRow row, int index) {
            GpioLine line = map.lines().get(index);
            int before = level[index];
            if (before < 0) {
                if (row.value() != line.safeLevel() || enabledSeen) {
                    findings.add(new AuditFinding(row.tUs(), "safe start", "line " + line.name() + " first appears at "
                            + row.value() + (enabledSeen ? " after " + map.enable().name() + " went active" : "")
                            + "; its safe level is " + line.safeLevel()));
                }
            } else if (before == row.value()) {
                return;
            }
            if (index == PinMap.ENABLE_LINE) {
                level[index] = row.value();
                if (row.value() == line.activeLevel()) {
                    openWindow(row.tUs());
                } else if (windowStartUs >= 0) {
                    closeWindow(row.tUs());
                }
                return;
            }
            if (windowStartUs >= 0 && before >= 0) {
                findings.add(new AuditFinding(row.tUs(), "lines steady while enabled", "line " + line.name()
                        + " changed to " + row.value() + " while " + map.enable().name() + " was active (since t="
                        + windowStartUs + " us)"));
            }
            level[index] = row.value();
            if (line.role() == LineRole.DISCHARGE) {
                if (row.value() == line.activeLevel()) {
                    dischargeStartUs = row.tUs();
                    dischargedSinceWindow = true;
                } else if (dischargeStartUs >= 0) {
                    dischargeWindows.add(new long[] {dischargeStartUs, row.tUs()});
                    dischargeStartUs = -1;
                }
            }
        }

        private void onSource(TraceRow row, int source) {
            int before = setting[source];
            int safe = map.sources().get(source).safeSetting();
            String name = map.sources().get(source).line();
            if (before < 0 && (row.value() != safe || enabledSeen)) {
                findings.add(new AuditFinding(row.tUs(), "safe start", "source " + name + " first appears at "
                        + row.value() + "; its safe setting is " + safe));
            } else if (before >= 0 && before != row.value() && windowStartUs >= 0) {
                findings.add(new AuditFinding(row.tUs(), "lines steady while enabled", "source " + name
                        + " changed from " + before + " to " + row.value() + " while " + map.enable().name()
                        + " was active (since t=" + windowStartUs + " us)"));
            }
            setting[source] = row.value();
        }

        private void openWindow(long tUs) {
            if (!enabledSeen) {
                enabledSeen = true;
                for (int i = 0; i < level.length; i++) {
                    if (level[i] < 0 && i != PinMap.ENABLE_LINE) {
                        findings.add(new AuditFinding(tUs, "safe start", "line " + map.lines().get(i).name()
                                + " had no level in the trace when " + map.enable().name() + " first went active"));
                    }
                }
                for (int s = 0; s < setting.length; s++) {
                    if (setting[s] < 0) {
                        findings.add(new AuditFinding(tUs, "safe start", "source " + map.sources().get(s).line()
                                + " had no setting in the trace when " + map.enable().name() + " first went active"));
                    }
                }
            }
            windowStartUs = tUs;
            windowCharge = new double[contacts.size()];
            windowMagnitude = new double[contacts.size()];
            List<Integer> active = new ArrayList<>();
            for (int i = 0; i < level.length; i++) {
                if (contactOfLine[i] >= 0 && level[i] == map.lines().get(i).activeLevel()) {
                    active.add(i);
                }
            }
            windowLines = key(active.stream().mapToInt(Integer::intValue).toArray());
        }

        private final int[] nextExpected = new int[table.programCount()];
        /** The discharge line closed since the last ENABLE window: a passive program's burst is over. */
        private boolean dischargedSinceWindow;

        private void closeWindow(long tUs) {
            if (dischargedSinceWindow) {
                // a passive window ends a burst: the next window is its program's first phase again, even when the
                // runner skipped a pulse of the burst before (the counter below would otherwise stay one behind)
                for (int p = 0; p < table.programCount(); p++) {
                    if (passive(p)) {
                        nextExpected[p] = 0;
                    }
                }
                dischargedSinceWindow = false;
            }
            List<Integer> candidates = phasesByLines.getOrDefault(windowLines, List.of());
            int phase = -1;
            for (int candidate : candidates) {
                int p = programOfPhase[candidate];
                if (candidate == table.phaseFrom(p) + nextExpected[p]) {
                    phase = candidate;
                    break;
                }
                if (phase < 0) {
                    phase = candidate;
                }
            }
            if (phase < 0) {
                findings.add(new AuditFinding(windowStartUs, "planned phase", map.enable().name() + " active for "
                        + (tUs - windowStartUs) + " us with contact lines " + names(windowLines)
                        + ", which no phase of the therapy closes"));
            } else {
                int p = programOfPhase[phase];
                int next = phase + 1 - table.phaseFrom(p);
                while (table.phaseFrom(p) + next < table.phaseTo(p) && !plan.gated(table.phaseFrom(p) + next)) {
                    next++;
                }
                nextExpected[p] = table.phaseFrom(p) + next >= table.phaseTo(p) ? 0 : next;
            }
            windows.add(new Window(windowStartUs, tUs, phase, windowCharge, windowMagnitude));
            windowStartUs = -1;
        }

        private String names(String lineKey) {
            String inner = lineKey.substring(1, lineKey.length() - 1);
            if (inner.isBlank()) {
                return "[none]";
            }
            List<String> names = new ArrayList<>();
            for (String index : inner.split(", ")) {
                names.add(map.lines().get(Integer.parseInt(index)).name());
            }
            return names.toString();
        }

        private void checkSafeEnd(long endUs) {
            for (int i = 0; i < level.length; i++) {
                GpioLine line = map.lines().get(i);
                if (level[i] >= 0 && level[i] != line.safeLevel()) {
                    findings.add(new AuditFinding(endUs, "safe end", "line " + line.name() + " ends at " + level[i]
                            + "; its safe level is " + line.safeLevel()));
                }
            }
            for (int s = 0; s < setting.length; s++) {
                int safe = map.sources().get(s).safeSetting();
                if (setting[s] >= 0 && setting[s] != safe) {
                    findings.add(new AuditFinding(endUs, "safe end", "source " + map.sources().get(s).line()
                            + " ends at " + setting[s] + "; its safe setting is " + safe));
                }
            }
        }

        private void checkDischargeAfterStop(long endUs) {
            if (windows.isEmpty()) {
                return;
            }
            long lastOffUs = windows.get(windows.size() - 1).endUs();
            if (map.dischargeLine() < 0) {
                findings.add(new AuditFinding(lastOffUs, "discharge after stop", "the pin map has no discharge line,"
                        + " so nothing bleeds what the last pulses left on the coupling capacitors"));
                return;
            }
            long longest = -1;
            for (long[] w : dischargeWindows) {
                if (w[0] >= lastOffUs) {
                    longest = Math.max(longest, w[1] - w[0]);
                }
            }
            if (longest < requiredDischargeUs()) {
                findings.add(new AuditFinding(lastOffUs, "discharge after stop", longest < 0
                        ? map.lines().get(map.dischargeLine()).name() + " never closed after the last pulse"
                        : map.lines().get(map.dischargeLine()).name() + " closed for " + longest + " us after the last"
                        + " pulse; " + DISCHARGE_TIME_CONSTANTS + " time constants of " + Math.round(slowestTimeConstantUs)
                        + " us (R x C) are " + requiredDischargeUs() + " us"));
            }
        }

        /** Phase length, merged pulses and balance over the windows, in order. */
        private Figures checkWindows() {
            Figures f = current;
            int programs = table.programCount();
            Window[] previous = new Window[programs];
            double[][] periodPc = new double[programs][contacts.size()];
            double[][] periodTolPc = new double[programs][contacts.size()];
            double[][] periodMagnitudePc = new double[programs][contacts.size()];
            long[] periodStartUs = new long[programs];
            boolean[] periodOpen = new boolean[programs];
            boolean[] burstPending = new boolean[programs];
            int lastWindow = windows.size() - 1;
            for (int w = 0; w < windows.size(); w++) {
                Window win = windows.get(w);
                if (win.phase() < 0) {
                    continue;
                }
                int phase = win.phase();
                int p = programOfPhase[phase];
                boolean stim = table.phaseKind(phase) == PhaseKind.STIM;
                boolean passive = passive(p);
                long widthUs = table.phaseDurationNs(phase) / 1_000;
                Window prev = previous[p];
                // the stamps of a window's two ends are each truncated to the microsecond: 1 us of slack
                long allowedUs = stim ? widthUs + (long) STAMP_RESOLUTION_US + boundUs
                        : stretchedRechargeUs(widthUs, prev) + (long) Math.ceil(boundUs * stretchRatio(p));
                if (f.longestUs == 0 || win.lengthUs() - widthUs > f.longestOverUs) {
                    f.longestOverUs = win.lengthUs() - widthUs;
                    f.longestUs = win.lengthUs();
                    f.longestProgrammedUs = widthUs;
                }
                if (win.lengthUs() > allowedUs) {
                    if (w == lastWindow) {
                        f.faultedWindow = true;
                    } else {
                        findings.add(new AuditFinding(win.startUs(), "phase length", table.phaseKind(phase).label()
                                + " phase of program '" + table.programName(p) + "' ran " + win.lengthUs()
                                + " us against " + widthUs + " us programmed (allowed " + allowedUs
                                + " us) and the run went on"));
                    }
                }
                if (stim && prev != null && table.phaseKind(prev.phase()) == PhaseKind.STIM) {
                    long programmedOffUs = programmedSeparationUs(prev.phase(), phase);
                    long offUs = win.startUs() - prev.endUs();
                    if (offUs < Math.min(boundUs, programmedOffUs / 2)) {
                        f.merged++;
                        findings.add(new AuditFinding(win.startUs(), "merged pulses", "stim pulse of program '"
                                + table.programName(p) + "' switched on " + offUs + " us after the one before switched"
                                + " off, against " + programmedOffUs + " us programmed: the tissue saw one "
                                + (win.endUs() - prev.startUs()) + " us phase"));
                    }
                }
                // a new period: the program's first gated phase again (or any phase not after the previous one)
                boolean newPeriod = prev == null || phase <= prev.phase();
                if (newPeriod && periodOpen[p] && !passive) {
                    closePeriod(f, p, periodPc[p], periodTolPc[p], periodMagnitudePc[p], periodStartUs[p], false);
                }
                if (newPeriod) {
                    periodOpen[p] = true;
                    periodStartUs[p] = win.startUs();
                    if (passive && burstPending[p] && prev != null
                            && heldDischargeUs(prev.endUs(), win.startUs()) >= passiveUs(p) - boundUs) {
                        // the burst's last pulse was skipped, so its last window was an earlier pulse's; its
                        // discharge window came all the same
                        burstPending[p] = false;
                        f.periods++;
                    }
                    if (passive && burstPending[p]) {
                        f.periods++;
                        f.unbalanced++;
                        findings.add(new AuditFinding(win.startUs(), "charge balance", "burst of program '"
                                + table.programName(p) + "' started before the previous burst's discharge window"));
                    }
                }
                for (int c = 0; c < contacts.size(); c++) {
                    periodPc[p][c] += win.chargePc()[c];
                    periodTolPc[p][c] += win.magnitudePc()[c];
                    if (stim) {
                        periodMagnitudePc[p][c] += Math.abs(win.chargePc()[c]);
                    }
                }
                if (passive && stim) {
                    burstPending[p] = true;
                    if (nextDischargeLongEnough(p, win, w)) {
                        burstPending[p] = false;
                    }
                }
                if (!passive && phase == lastGated(p)) {
                    // the period the run faulted in (its recharge ran past the bound) is left to the discharge after
                    // the fault, as one whose stimulation phase faulted is: its figures count, it is no violation
                    // so is one whose last window the run cut short (a fault on lateness, a stop): the run's last
                    // window, shorter than its phase, switched off by the safe drive
                    boolean cut = w == lastWindow && win.lengthUs() + (long) STAMP_RESOLUTION_US < widthUs;
                    closePeriod(f, p, periodPc[p], periodTolPc[p], periodMagnitudePc[p], periodStartUs[p],
                            w == lastWindow && (f.faultedWindow || cut));
                    periodOpen[p] = false;
                }
                previous[p] = win;
            }
            // a period still held at the end owed its excess to a recharge the run no longer delivered: the closing
            // discharge (its own rule, "discharge after stop") bleeds it, as it bleeds a faulted period's
            return f;
        }

        /**
         * For a passive program's stimulation window that is its burst's last: whether the discharge window after it
         * (before the program's next window) lasts its programmed length less the bound. Records the verdict.
         */
        private boolean nextDischargeLongEnough(int p, Window win, int index) {
            if (win.phase() != lastStim(p)) {
                return false;
            }
            long nextStartUs = Long.MAX_VALUE;
            for (int w = index + 1; w < windows.size(); w++) {
                if (windows.get(w).phase() >= 0 && programOfPhase[windows.get(w).phase()] == p) {
                    nextStartUs = windows.get(w).startUs();
                    break;
                }
            }
            long programmedUs = passiveUs(p);
            for (long[] d : dischargeWindows) {
                if (d[0] >= win.endUs() && d[0] < nextStartUs) {
                    long heldUs = Math.min(d[1], nextStartUs) - d[0];
                    if (heldUs >= programmedUs - boundUs || nextStartUs == Long.MAX_VALUE) {
                        lastFigures().periods++;
                        return true;
                    }
                }
            }
            if (nextStartUs == Long.MAX_VALUE) {
                // the run stopped after this burst: the discharge after the stop is checked on its own
                return true;
            }
            lastFigures().periods++;
            lastFigures().unbalanced++;
            findings.add(new AuditFinding(win.endUs(), "charge balance", "burst of program '" + table.programName(p)
                    + "' was not followed by its " + programmedUs + " us discharge window before the next burst"));
            return true;
        }

        /** The longest the discharge line was held closed within [fromUs, toUs). */
        private long heldDischargeUs(long fromUs, long toUs) {
            long longest = 0;
            for (long[] d : dischargeWindows) {
                if (d[0] >= fromUs && d[0] < toUs) {
                    longest = Math.max(longest, Math.min(d[1], toUs) - d[0]);
                }
            }
            return longest;
        }

        private final Figures current = new Figures();

        private Figures lastFigures() {
            return current;
        }

        /**
         * A period whose contacts ended off balance, held while its program's following periods may still return it:
         * the runner carries a recharge's overrun into the next recharges of its phase, each giving back at most half
         * its length, so the held period and those after it must come back to balance within
         * {@link #returnPeriods(int)} periods. Per program: the held period's own figures (for the finding) and the
         * running sums from it on.
         */
        private double[][] heldPc;
        private double[][] heldTolPc;
        private double[][] heldMagnitudePc;
        private long[] heldStartUs;
        private double[][] runningPc;
        private double[][] runningTolPc;
        private double[][] runningMagnitudePc;
        private int[] heldFor;

        private void closePeriod(Figures f, int p, double[] sumPc, double[] tolPc, double[] magnitudePc, long startUs,
                                 boolean faulted) {
            if (heldStartUs == null) {
                int programs = table.programCount();
                heldPc = new double[programs][contacts.size()];
                heldTolPc = new double[programs][contacts.size()];
                heldMagnitudePc = new double[programs][contacts.size()];
                runningPc = new double[programs][contacts.size()];
                runningTolPc = new double[programs][contacts.size()];
                runningMagnitudePc = new double[programs][contacts.size()];
                heldFor = new int[programs];
                heldStartUs = new long[programs];
                Arrays.fill(heldStartUs, -1);
            }
            f.periods++;
            boolean off = false;
            for (int c = 0; c < sumPc.length; c++) {
                double tolerance = tolPc[c] + BALANCE_TOLERANCE_FRACTION * magnitudePc[c];
                if (Math.abs(sumPc[c]) > Math.abs(f.worstImbalancePc)) {
                    f.worstImbalancePc = sumPc[c];
                    f.worstImbalanceContact = contacts.get(c).toString();
                }
                off |= Math.abs(sumPc[c]) > tolerance && !faulted;
            }
            // a period that returns a held one, or is part of its return, is judged with it, not held on its own
            boolean judgedWithHeld = false;
            if (heldStartUs[p] >= 0) {
                boolean balanced = true;
                for (int c = 0; c < sumPc.length; c++) {
                    runningPc[p][c] += sumPc[c];
                    runningTolPc[p][c] += tolPc[c];
                    runningMagnitudePc[p][c] += magnitudePc[c];
                    double tolerance = runningTolPc[p][c] + BALANCE_TOLERANCE_FRACTION * runningMagnitudePc[p][c];
                    balanced &= Math.abs(runningPc[p][c]) <= tolerance;
                }
                heldFor[p]++;
                judgedWithHeld = true;
                // the period the run faulted in was returning it: the discharge after the fault bleeds both, as it
                // bleeds a period still held when the trace ends
                if (faulted || balanced) {
                    heldStartUs[p] = -1;
                } else if (heldFor[p] >= returnPeriods(p)) {
                    report(f, p);
                    heldStartUs[p] = -1;
                    judgedWithHeld = false;
                }
            }
            if (off && !judgedWithHeld) {
                System.arraycopy(sumPc, 0, heldPc[p], 0, sumPc.length);
                System.arraycopy(tolPc, 0, heldTolPc[p], 0, tolPc.length);
                System.arraycopy(magnitudePc, 0, heldMagnitudePc[p], 0, magnitudePc.length);
                System.arraycopy(sumPc, 0, runningPc[p], 0, sumPc.length);
                System.arraycopy(tolPc, 0, runningTolPc[p], 0, tolPc.length);
                System.arraycopy(magnitudePc, 0, runningMagnitudePc[p], 0, magnitudePc.length);
                heldStartUs[p] = startUs;
                heldFor[p] = 0;
            }
            Arrays.fill(sumPc, 0);
            Arrays.fill(tolPc, 0);
            Arrays.fill(magnitudePc, 0);
        }

        /**
         * A held period the periods after it did not bring back to balance: one finding per contact it left off
         * balance, with what was still owed after them.
         */
        private void report(Figures f, int p) {
            f.unbalanced++;
            int after = heldFor[p];
            for (int c = 0; c < contacts.size(); c++) {
                double tolerance = heldTolPc[p][c] + BALANCE_TOLERANCE_FRACTION * heldMagnitudePc[p][c];
                double runningTolerance = runningTolPc[p][c] + BALANCE_TOLERANCE_FRACTION * runningMagnitudePc[p][c];
                if (Math.abs(heldPc[p][c]) > tolerance || Math.abs(runningPc[p][c]) > runningTolerance) {
                    findings.add(new AuditFinding(heldStartUs[p], "charge balance", "contact " + contacts.get(c)
                            + " ended a period of program '" + table.programName(p) + "' at " + uc(heldPc[p][c])
                            + " (stimulation " + uc(heldMagnitudePc[p][c]) + ", tolerance " + uc(tolerance)
                            + ") and the next " + (after == 1 ? "period did not return it"
                            : after + " periods did not return it (" + uc(runningPc[p][c]) + " after them)")));
                }
            }
        }

        /**
         * How many periods after an off-balance one may take to return it: the runner gives back at most half a
         * recharge a period, so an overrun up to the bound takes ceil(bound / half the program's shortest active
         * recharge) periods; at least one.
         */
        private int returnPeriods(int p) {
            long shortestUs = Long.MAX_VALUE;
            for (int phase = table.phaseFrom(p); phase < table.phaseTo(p); phase++) {
                if (plan.balances(phase) >= 0 && plan.gated(phase)) {
                    shortestUs = Math.min(shortestUs, table.phaseDurationNs(phase) / 1_000);
                }
            }
            if (shortestUs == Long.MAX_VALUE || shortestUs < 2) {
                return 1;
            }
            return (int) Math.min(MAX_RETURN_PERIODS, Math.max(1, Math.ceilDiv(boundUs, shortestUs / 2)));
        }
    }

    private boolean passive(int p) {
        for (int phase = table.phaseFrom(p); phase < table.phaseTo(p); phase++) {
            if (table.phasePassive(phase)) {
                return true;
            }
        }
        return false;
    }

    private long passiveUs(int p) {
        long us = 0;
        for (int phase = table.phaseFrom(p); phase < table.phaseTo(p); phase++) {
            if (table.phasePassive(phase)) {
                us += table.phaseDurationNs(phase) / 1_000;
            }
        }
        return us;
    }

    private int lastGated(int p) {
        int last = -1;
        for (int phase = table.phaseFrom(p); phase < table.phaseTo(p); phase++) {
            if (plan.gated(phase)) {
                last = phase;
            }
        }
        return last;
    }

    private int lastStim(int p) {
        int last = -1;
        for (int phase = table.phaseFrom(p); phase < table.phaseTo(p); phase++) {
            if (table.phaseKind(phase) == PhaseKind.STIM) {
                last = phase;
            }
        }
        return last;
    }

    /**
     * How long a recharge may run before its bound: the runner stretches a recharge by the length its stimulation
     * phase really ran over its width (returning the charge it delivered), so the recharge's length is judged
     * against its width scaled the same way, plus the stamps' resolution at both phases' ends.
     */
    private long stretchedRechargeUs(long widthUs, Window stimWindow) {
        long slackUs = (long) STAMP_RESOLUTION_US;
        if (stimWindow == null || table.phaseKind(stimWindow.phase()) != PhaseKind.STIM) {
            return widthUs + slackUs;
        }
        long stimWidthUs = table.phaseDurationNs(stimWindow.phase()) / 1_000;
        if (stimWidthUs <= 0 || stimWindow.lengthUs() <= stimWidthUs) {
            return widthUs + slackUs;
        }
        double ratio = (double) widthUs / stimWidthUs;
        return (long) Math.ceil((stimWindow.lengthUs() + slackUs) * ratio) + slackUs;
    }

    /** How much longer than programmed a recharge may run to return its stimulation's overrun (current ratio). */
    private double stretchRatio(int p) {
        double ratio = 1;
        for (int c = 0; c < table.channelCount(p); c++) {
            double stim = 0;
            double recharge = Double.MAX_VALUE;
            for (int phase = table.phaseFrom(p); phase < table.phaseTo(p); phase++) {
                double ua = Math.abs(table.phaseCurrentUa(phase, c));
                if (table.phasePassive(phase) || ua == 0) {
                    continue;
                }
                if (table.phaseKind(phase) == PhaseKind.STIM) {
                    stim = Math.max(stim, ua);
                } else {
                    recharge = Math.min(recharge, ua);
                }
            }
            if (stim > 0 && recharge < Double.MAX_VALUE) {
                ratio = Math.max(ratio, stim / recharge);
            }
        }
        return ratio;
    }

    /** The programmed time from the end of phase {@code a} to the start of phase {@code b} of the same program. */
    private long programmedSeparationUs(int a, int b) {
        int p = programOfPhase[a];
        long endA = table.phaseOffsetNs(a) + table.phaseDurationNs(a);
        long startB = table.phaseOffsetNs(b);
        long ns = b > a ? startB - endA : table.periodNs(p) - endA + startB;
        return ns / 1_000;
    }

    /** The figures the summary prints. */
    private static final class Figures {
        long periods;
        long unbalanced;
        double worstImbalancePc;
        String worstImbalanceContact = "";
        long longestOverUs;
        long longestUs;
        long longestProgrammedUs;
        long merged;
        boolean faultedWindow;
    }
}
