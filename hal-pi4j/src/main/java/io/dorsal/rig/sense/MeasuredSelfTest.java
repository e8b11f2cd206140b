package io.dorsal.rig.sense;

import io.dorsal.core.safety.Figures;
import io.dorsal.rig.pins.GpioLine;
import io.dorsal.rig.pins.LineRole;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.Sensing;
import io.dorsal.rig.runtime.SelfTest.LineResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The self-test's measured part (docs/bench-rig.md, "Sensing"): probe pulses of {@link #TEST_CURRENT_MA} through a
 * known load find what reading pins back cannot: an ENABLE (or its cut-off) that lets current through while off, a
 * switch that never closes, a line stuck closed, a source whose current is not its calibration's. Each finding names
 * its line or source.
 *
 * <p>Every contact line is paired with a reference line of the other role (the first cathode line, and the can's anode
 * line or else the first anode line). A source is measured with the other source set to twice the test current, so
 * the source under test sets the current.
 */
public final class MeasuredSelfTest {

    /** The probe current: small enough for any load, large enough for the ADC (about 78 codes at 4 mA/V). */
    public static final double TEST_CURRENT_MA = 1.0;
    /** A source may differ from its calibration by this fraction. */
    public static final double SOURCE_TOLERANCE = 0.10;
    /** A path may differ from the self-test fixture's resistance by this fraction. */
    public static final double LOAD_TOLERANCE = 0.20;
    /** Below this fraction of the test current, a closed line carries "no current". */
    public static final double NO_CURRENT_FRACTION = 0.05;
    /** Two path impedances within this fraction are "the same path". */
    public static final double SAME_PATH_FRACTION = 0.03;

    private MeasuredSelfTest() {
    }

    public static List<LineResult> run(FrontEndProbe probe, PinMap map) {
        Sensing sensing = map.sensing().orElseThrow();
        List<LineResult> results = new ArrayList<>();
        int refCathode = referenceLine(map, LineRole.CATHODE);
        int refAnode = referenceLine(map, LineRole.ANODE);
        if (refCathode < 0 || refAnode < 0) {
            results.add(new LineResult("sensing", false, "needs at least one cathode and one anode line to measure"));
            return results;
        }
        int[] test = duties(map, TEST_CURRENT_MA, TEST_CURRENT_MA);
        double noCurrentMa = TEST_CURRENT_MA * NO_CURRENT_FRACTION;

        FrontEndProbe.Reading gated = probe.pulse(refCathode, refAnode, test, false);
        results.add(gated.largestMa() < noCurrentMa
                ? new LineResult(map.enable().name(), true, "no current with ENABLE off")
                : new LineResult(map.enable().name(), false, fmt(gated.largestMa())
                        + " mA flows with ENABLE off: ENABLE or its cut-off is stuck active"));

        OptionalDouble stuckCathodePathOhm = stuckSide(probe, FrontEndProbe.NO_LINE, refAnode, test, noCurrentMa);
        OptionalDouble stuckAnodePathOhm = stuckSide(probe, refCathode, FrontEndProbe.NO_LINE, test, noCurrentMa);

        for (int s = 0; s < map.sources().size(); s++) {
            results.add(source(probe, map, s, refCathode, refAnode));
        }
        List<String> stuckFound = new ArrayList<>();
        for (int i = 0; i < map.lines().size(); i++) {
            GpioLine line = map.lines().get(i);
            if (line.role() != LineRole.CATHODE && line.role() != LineRole.ANODE) {
                continue;
            }
            boolean cathode = line.role() == LineRole.CATHODE;
            OptionalDouble stuckPath = cathode ? stuckCathodePathOhm : stuckAnodePathOhm;
            // with a line stuck on either side, every path runs in parallel with it: the fixture check means nothing
            boolean anyStuck = stuckCathodePathOhm.isPresent() || stuckAnodePathOhm.isPresent();
            LineResult result = contactLine(probe, map, sensing, i, cathode ? refAnode : refCathode, stuckPath, anyStuck);
            if (!result.ok() && result.detail().startsWith("stuck closed")) {
                stuckFound.add(line.role().name());
            }
            results.add(result);
        }
        if (stuckCathodePathOhm.isPresent() && !stuckFound.contains(LineRole.CATHODE.name())) {
            results.add(new LineResult("cathode lines", false, "current flows with no cathode line closed: a cathode"
                    + " line or its switch is stuck closed"));
        }
        if (stuckAnodePathOhm.isPresent() && !stuckFound.contains(LineRole.ANODE.name())) {
            results.add(new LineResult("anode lines", false, "current flows with no anode line closed: an anode"
                    + " line or its switch is stuck closed"));
        }
        return results;
    }

    /** The path impedance when current flows with one side's lines all open (a line of that side is stuck). */
    private static OptionalDouble stuckSide(FrontEndProbe probe, int cathodeLine, int anodeLine, int[] duty,
                                            double noCurrentMa) {
        FrontEndProbe.Reading r = probe.pulse(cathodeLine, anodeLine, duty, true);
        return r.largestMa() < noCurrentMa ? OptionalDouble.empty() : OptionalDouble.of(r.pathV() / r.largestMa() * 1e3);
    }

    private static LineResult source(FrontEndProbe probe, PinMap map, int s, int refCathode, int refAnode) {
        String name = "source " + map.sources().get(s).name();
        int[] duty = new int[map.sources().size()];
        for (int o = 0; o < duty.length; o++) {
            duty[o] = dutyFor(map, o, o == s ? TEST_CURRENT_MA : 2 * TEST_CURRENT_MA);
        }
        if (duty[s] < 0) {
            return new LineResult(name, false, "its calibration cannot drive " + fmt(TEST_CURRENT_MA) + " mA");
        }
        double expectedMa = map.sources().get(s).calibration().microampsAt(duty[s]) / 1e3;
        double measuredMa = probe.pulse(refCathode, refAnode, duty, true).sourceMa()[s];
        boolean ok = Math.abs(measuredMa - expectedMa) <= expectedMa * SOURCE_TOLERANCE;
        String detail = fmt(measuredMa) + " mA at " + setting(map, s, duty[s]) + "; its calibration says " + fmt(expectedMa) + " mA";
        return new LineResult(name, ok, ok ? detail : detail + " (more than " + Math.round(SOURCE_TOLERANCE * 100)
                + " % off: recalibrate the source)");
    }

    private static LineResult contactLine(FrontEndProbe probe, PinMap map, Sensing sensing, int line, int partner,
                                          OptionalDouble stuckPathOhm, boolean anyStuck) {
        GpioLine l = map.lines().get(line);
        boolean cathode = l.role() == LineRole.CATHODE;
        int[] duty = new int[map.sources().size()];
        for (int o = 0; o < duty.length; o++) {
            duty[o] = dutyFor(map, o, o == l.source() ? TEST_CURRENT_MA : 2 * TEST_CURRENT_MA);
        }
        FrontEndProbe.Reading r = probe.pulse(cathode ? line : partner, cathode ? partner : line, duty, true);
        double currentMa = r.sourceMa()[l.source()];
        double expectedMa = map.sources().get(l.source()).calibration().microampsAt(Math.max(0, duty[l.source()])) / 1e3;
        if (currentMa < expectedMa * (1 - 2 * SOURCE_TOLERANCE - LOAD_TOLERANCE)) {
            return new LineResult(l.name(), false, "no current through it when closed (" + fmt(currentMa) + " mA of "
                    + fmt(expectedMa) + "): its switch does not close, or a wire is broken");
        }
        double pathOhm = r.pathV() / currentMa * 1e3;
        if (stuckPathOhm.isPresent() && Math.abs(pathOhm - stuckPathOhm.getAsDouble())
                <= stuckPathOhm.getAsDouble() * SAME_PATH_FRACTION) {
            return new LineResult(l.name(), false, "stuck closed: current flows through it with its line open, and"
                    + " closing it changes nothing (" + Math.round(pathOhm) + " Ohm both ways)");
        }
        String detail = fmt(currentMa) + " mA, path " + Math.round(pathOhm) + " Ohm";
        if (sensing.selfTestLoadOhm().isPresent() && !anyStuck) {
            double fixtureOhm = 2 * sensing.selfTestLoadOhm().getAsDouble();
            if (Math.abs(pathOhm - fixtureOhm) > fixtureOhm * LOAD_TOLERANCE) {
                return new LineResult(l.name(), false, detail + "; the self-test fixture gives " + Math.round(fixtureOhm)
                        + " Ohm (a partly open switch, a wrong wire, or the fixture missing)");
            }
        }
        return new LineResult(l.name(), true, detail);
    }

    /** The reference line of a role: the can's, when wired so, else the first of that role. */
    static int referenceLine(PinMap map, LineRole role) {
        int first = -1;
        for (int i = 0; i < map.lines().size(); i++) {
            GpioLine line = map.lines().get(i);
            if (line.role() != role) {
                continue;
            }
            if (line.contact().filter(c -> c.equals(io.dorsal.core.therapy.ContactId.CASE)).isPresent()) {
                return i;
            }
            if (first < 0) {
                first = i;
            }
        }
        return first;
    }

    private static int[] duties(PinMap map, double cathodeMa, double anodeMa) {
        int[] duty = new int[map.sources().size()];
        for (int s = 0; s < duty.length; s++) {
            duty[s] = Math.max(0, dutyFor(map, s, Math.max(cathodeMa, anodeMa)));
        }
        return duty;
    }

    private static int dutyFor(PinMap map, int source, double ma) {
        int duty = map.sources().get(source).calibration().highestDutyNotAbove(ma * 1e3);
        return duty;
    }

    /** A source's setting as its part names it: "code 400" for a DAC, "10% duty" for PWM. */
    static String setting(PinMap map, int source, int setting) {
        return map.sources().get(source).control() instanceof io.dorsal.rig.pins.AmplitudeControl.Dac
                ? "code " + setting : setting + "% duty";
    }

    private static String fmt(double value) {
        return Figures.format(value, 3);
    }
}
