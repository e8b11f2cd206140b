package io.dorsal.rig.output;

import io.dorsal.core.schedule.PhaseKind;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.rig.pins.AmplitudeControl;
import io.dorsal.rig.pins.Calibration;
import io.dorsal.rig.pins.LineRole;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How each phase of a pulse table is rendered on a rig: the lines to close, whether the enable line gates it,
 * and which source carries which current. Built when a therapy is checked or armed (it allocates); read
 * allocation-free by the output stage afterwards. Immutable.
 *
 * <p>Rendering rules: in a stimulation or active-recharge phase every contact carrying current is connected
 * to a source through its cathode line (negative current) or anode line (positive current), each contact on a
 * source of its own, at a current the source's calibration renders exactly; a source keeps one current for the
 * whole therapy (PWM is set when a therapy is armed and at ramp steps, never per pulse), so a source serves one
 * program unless the programs agree on its current and none ramps; a passive-recharge phase closes the
 * discharge line; no phase that the enable line gates may last longer than the pin map's hardware maximum on-time.
 */
public final class RigPlan {

    private static final long NS_PER_US = 1_000L;

    private final PulseTable table;
    private final int[] lineFrom;
    private final int[] lineCount;
    private final int[] lines;
    private final boolean[] gated;
    private final int[] sourceFrom;
    private final int[] sourceCount;
    private final int[] sources;
    private final double[] sourceUa;
    private final int[] sourceFullDuty;
    private final long[] durationNs;
    private final int[] balances;
    private final boolean[] stimulation;

    private RigPlan(PulseTable table, PinMap map, List<int[]> phaseLines, boolean[] gated, List<int[]> phaseSources,
                    List<double[]> phaseSourceUa) {
        this.table = table;
        int phases = phaseLines.size();
        lineFrom = new int[phases];
        lineCount = new int[phases];
        sourceFrom = new int[phases];
        sourceCount = new int[phases];
        this.lines = flatten(phaseLines, lineFrom, lineCount);
        this.sources = flatten(phaseSources, sourceFrom, sourceCount);
        List<Double> ua = new ArrayList<>();
        phaseSourceUa.forEach(a -> {
            for (double v : a) {
                ua.add(v);
            }
        });
        this.sourceUa = ua.stream().mapToDouble(Double::doubleValue).toArray();
        this.sourceFullDuty = new int[sourceUa.length];
        for (int i = 0; i < sourceUa.length; i++) {
            // the setting nearest the current (a DAC has several within the render tolerance; never the highest)
            sourceFullDuty[i] = map.sources().get(sources[i]).calibration().exactDutyFor(sourceUa[i]);
        }
        this.gated = gated.clone();
        durationNs = new long[phases];
        balances = new int[phases];
        stimulation = new boolean[phases];
        for (int p = 0; p < table.programCount(); p++) {
            int lastStim = -1;
            for (int phase = table.phaseFrom(p); phase < table.phaseTo(p); phase++) {
                durationNs[phase] = table.phaseDurationNs(phase);
                stimulation[phase] = table.phaseKind(phase) == PhaseKind.STIM;
                balances[phase] = -1;
                if (stimulation[phase]) {
                    lastStim = phase;
                } else if (!table.phasePassive(phase)) {
                    balances[phase] = lastStim;
                }
            }
        }
    }

    private static int[] flatten(List<int[]> perPhase, int[] from, int[] count) {
        int total = 0;
        for (int i = 0; i < perPhase.size(); i++) {
            from[i] = total;
            count[i] = perPhase.get(i).length;
            total += count[i];
        }
        int[] flat = new int[total];
        for (int i = 0; i < perPhase.size(); i++) {
            System.arraycopy(perPhase.get(i), 0, flat, from[i], count[i]);
        }
        return flat;
    }

    /** The outcome of planning: a plan, or the reasons the rig cannot render the table. */
    public sealed interface Result {
        record Renderable(RigPlan plan) implements Result {
        }

        record NotRenderable(List<RenderProblem> problems) implements Result {
        }
    }

    /** The reasons a rig cannot render a validated therapy exactly; empty when it can. */
    public static List<RenderProblem> problems(io.dorsal.core.safety.ValidatedTherapy therapy, PinMap map) {
        return switch (plan(PulseTable.compile(therapy), map)) {
            case Result.Renderable r -> List.of();
            case Result.NotRenderable n -> n.problems();
        };
    }

    public static Result plan(PulseTable table, PinMap map) {
        List<RenderProblem> problems = new ArrayList<>();
        int phases = table.phaseTo(table.programCount() - 1);
        List<int[]> phaseLines = new ArrayList<>();
        List<int[]> phaseSources = new ArrayList<>();
        List<double[]> phaseSourceUa = new ArrayList<>();
        boolean[] gated = new boolean[phases];
        Map<Integer, Double> sourceCurrentUa = new HashMap<>();
        Map<Integer, Integer> sourceProgram = new HashMap<>();
        for (int p = 0; p < table.programCount(); p++) {
            String subject = "program '" + table.programName(p) + "'";
            boolean onTimeReported = false;
            for (int phase = table.phaseFrom(p); phase < table.phaseTo(p); phase++) {
                String field = table.phaseKind(phase).label() + " phase " + (phase - table.phaseFrom(p) + 1);
                boolean passive = table.phasePassive(phase);
                if (passive) {
                    int discharge = map.dischargeLine();
                    if (discharge < 0) {
                        problems.add(new RenderProblem(subject, field, "passive recharge",
                                "a rig with a discharge line (this pin map has none)", "rig passive recharge"));
                    }
                    phaseLines.add(discharge < 0 ? new int[0] : new int[] {discharge});
                    phaseSources.add(new int[0]);
                    phaseSourceUa.add(new double[0]);
                    continue;
                }
                gated[phase] = true;
                long onTimeUs = table.phaseDurationNs(phase) / NS_PER_US;
                if (onTimeUs > map.maxOnTimeUs() && !onTimeReported) {
                    onTimeReported = true;
                    problems.add(new RenderProblem(subject, field, onTimeUs + " us with the enable line on",
                            "at most " + map.maxOnTimeUs() + " us, the pin map's maxOnTimeUs (the enable line's hardware"
                                    + " cut-off would end the phase early and leave it unbalanced)", "rig on-time"));
                }
                List<Integer> lineList = new ArrayList<>();
                List<Integer> sourceList = new ArrayList<>();
                List<Double> uaList = new ArrayList<>();
                for (int c = 0; c < table.channelCount(p); c++) {
                    double ua = table.phaseCurrentUa(phase, c);
                    if (ua == 0.0) {
                        continue;
                    }
                    ContactId contact = table.contact(table.channelContact(p, c));
                    LineRole role = ua < 0 ? LineRole.CATHODE : LineRole.ANODE;
                    int line = map.lineOf(contact, role);
                    String where = field + ", contact " + contact;
                    if (line < 0) {
                        problems.add(new RenderProblem(subject, where, "needs " + (role == LineRole.CATHODE ? "a cathode" : "an anode")
                                + " line", "the contacts wired on this rig: " + map.contacts(), "rig contacts"));
                        continue;
                    }
                    int source = map.lines().get(line).source();
                    if (sourceList.contains(source)) {
                        problems.add(new RenderProblem(subject, where, "needs source '" + map.sources().get(source).name()
                                + "', which another contact of the phase already uses",
                                "one contact a source; " + map.sources().size() + " sources on this rig",
                                "rig sources"));
                        continue;
                    }
                    Source s = map.sources().get(source);
                    double magnitude = Math.abs(ua);
                    checkCalibration(s, magnitude, subject, where, problems);
                    Double earlier = sourceCurrentUa.putIfAbsent(source, magnitude);
                    Integer owner = sourceProgram.putIfAbsent(source, p);
                    if (earlier != null && Math.abs(earlier - magnitude) > Calibration.RENDER_TOLERANCE_UA) {
                        problems.add(new RenderProblem(subject, where, "source '" + s.name() + "' at "
                                + fmt(magnitude / 1000) + " mA", "one current a source for the whole therapy (it is also "
                                + fmt(earlier / 1000) + " mA); PWM changes only when a therapy is armed",
                                "rig amplitude changes"));
                    } else if (owner != null && owner != p && (table.rampNs(p) != 0 || table.rampNs(owner) != 0
                            || table.initialRampNs(p) != 0 || table.initialRampNs(owner) != 0)) {
                        problems.add(new RenderProblem(subject, where, "source '" + s.name() + "' shared with program '"
                                + table.programName(owner) + "' while one of them ramps",
                                "a ramping program has its sources to itself", "rig amplitude changes"));
                    }
                    lineList.add(line);
                    sourceList.add(source);
                    uaList.add(magnitude);
                }
                phaseLines.add(lineList.stream().mapToInt(Integer::intValue).toArray());
                phaseSources.add(sourceList.stream().mapToInt(Integer::intValue).toArray());
                phaseSourceUa.add(uaList.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        if (!problems.isEmpty()) {
            return new Result.NotRenderable(firstPerContactAndRule(problems));
        }
        return new Result.Renderable(new RigPlan(table, map, phaseLines, gated, phaseSources, phaseSourceUa));
    }

    /** One problem per program, contact and rule: a recharge phase repeats what its stimulation phase said. */
    private static List<RenderProblem> firstPerContactAndRule(List<RenderProblem> problems) {
        Map<String, RenderProblem> first = new java.util.LinkedHashMap<>();
        for (RenderProblem p : problems) {
            String contact = p.field().contains("contact ") ? p.field().substring(p.field().indexOf("contact ")) : p.field();
            first.putIfAbsent(p.subject() + "|" + contact + "|" + p.rule(), p);
        }
        return List.copyOf(first.values());
    }

    private static void checkCalibration(Source s, double ua, String subject, String where, List<RenderProblem> out) {
        if (ua > s.calibration().maxMa() * 1000.0 + Calibration.RENDER_TOLERANCE_UA) {
            out.add(new RenderProblem(subject, where, fmt(ua / 1000) + " mA on source '" + s.name() + "'",
                    "at most " + fmt(s.calibration().maxMa()) + " mA, the top of its calibration", "rig calibration"));
        } else if (s.calibration().exactDutyFor(ua) < 0) {
            int below = s.calibration().highestDutyNotAbove(ua);
            out.add(new RenderProblem(subject, where, fmt(ua / 1000) + " mA on source '" + s.name() + "'",
                    "a current its " + (s.control() instanceof AmplitudeControl.Dac ? "DAC" : "PWM")
                            + " renders exactly (nearest below: " + fmt(s.calibration().microampsAt(below) / 1000)
                            + " mA at " + (s.control() instanceof AmplitudeControl.Dac ? "code " + below
                            : below + "% duty") + ")", "rig calibration"));
        }
    }

    private static String fmt(double value) {
        return io.dorsal.core.safety.Figures.format(value, 3);
    }

    public PulseTable table() {
        return table;
    }

    public int lineCount(int phase) {
        return lineCount[phase];
    }

    /** The i-th line a phase closes (an index into the pin map's lines). */
    public int line(int phase, int i) {
        return lines[lineFrom[phase] + i];
    }

    /** Whether the enable line gates the phase (every phase but a passive discharge). */
    public boolean gated(int phase) {
        return gated[phase];
    }

    public int sourceCount(int phase) {
        return sourceCount[phase];
    }

    /** The i-th source a phase drives (an index into the pin map's sources). */
    public int source(int phase, int i) {
        return sources[sourceFrom[phase] + i];
    }

    /** The duty that renders the i-th source's current of a phase at full amplitude (worked out once, here). */
    public int sourceFullDuty(int phase, int i) {
        return sourceFullDuty[sourceFrom[phase] + i];
    }

    /** The current the i-th source of a phase drives at full amplitude, in uA. */
    public double sourceUa(int phase, int i) {
        return sourceUa[sourceFrom[phase] + i];
    }

    /** A phase's programmed length. */
    public long durationNs(int phase) {
        return durationNs[phase];
    }

    /** Whether a phase is a stimulation phase (not a recharge). */
    public boolean stimulation(int phase) {
        return stimulation[phase];
    }

    /**
     * The stimulation phase whose charge an active recharge phase returns (the program's latest stimulation phase
     * before it), or -1 for a stimulation phase or a passive window.
     */
    public int balances(int phase) {
        return balances[phase];
    }
}
