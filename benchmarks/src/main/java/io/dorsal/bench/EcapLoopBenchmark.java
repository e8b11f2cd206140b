package io.dorsal.bench;

import io.dorsal.core.ecap.EcapController;
import io.dorsal.core.ecap.EcapLoop;
import io.dorsal.core.ecap.PostureScript;
import io.dorsal.core.ecap.SimulatedCord;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.ecap.Posture;
import io.dorsal.core.ecap.SpinalCordResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One pulse of the closed loop (issue 15, item 6): the ECAP the cord gives the pulse's current at its distance, then
 * the controller's next current. It will run on the real-time path once per pulse, so it must allocate nothing (the
 * gate judges it) and cost nanoseconds against the 20 ms between tonic pulses. The state carries the current from one
 * operation to the next, as the loop does, and the distance alternates between seated and supine so that the
 * controller always has work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class EcapLoopBenchmark {

    public double pulseWidthUs = 300;
    private final SpinalCordResponse cord = SpinalCordResponse.TYPICAL;
    private final EcapController controller = new EcapController(20, 0.25, 40, 1.0, 4.0, 0.1);
    private double currentMa = 3.0;
    private long pulse;

    private EcapLoop loop;
    private long startNs;

    /** The generator's loop over the simulated cord: a posture day, seated to walking. */
    @Setup(Level.Trial)
    public void setUp() throws java.io.IOException {
        PulseTable table = PulseTable.compile(Scenarios.validated(Scenarios.json("tonic50")));
        PostureScript day = PostureScript.read("""
                {"segments": [{"posture": "sitting", "durationS": 20}, {"posture": "supine", "durationS": 20},
                  {"posture": "walking", "durationS": 20}], "coughsAtS": [5.0], "lostS": [[30.0, 30.5]]}""");
        loop = new EcapLoop(table, 0, 3.0, controller, new SimulatedCord(cord, day, pulseWidthUs, 0, 1));
    }

    /**
     * The step as the generator runs it once a period (issue 15, item 2): the simulated cord's ECAP of the last pulse
     * at its time's distance, with noise and the lost windows, the controller, the period's factor. The time wraps
     * every minute of the script.
     */
    @Benchmark
    @HotPath
    public double generatorLoop() {
        startNs = startNs >= 59_980_000_000L ? 0 : startNs + 20_000_000L;
        return loop.periodFactor(startNs, 1.0);
    }

    @Benchmark
    @HotPath
    public double step() {
        double distanceMm = (pulse++ & 64) == 0 ? Posture.SITTING.distanceMm() : Posture.SUPINE.distanceMm();
        double ecapUv = cord.ecapUv(currentMa, pulseWidthUs, distanceMm);
        currentMa = controller.nextMa(currentMa, ecapUv);
        return currentMa;
    }
}
