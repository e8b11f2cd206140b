package io.dorsal.bench.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dorsal.bench.HotPath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate judges JMH's JSON: allocation and the ratio to the floor fail it, absolute time never does. */
class GateCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEDULER = "io.dorsal.bench.SchedulerStepBenchmark";
    private static final List<String> SCENARIOS = List.of("tonic50", "hf10k", "burst", "four32");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A complete gate run in which every hot path costs {@code ns} ns/op (floors 1 ns/op) and allocates nothing. */
    private static ArrayNode passingRun(double schedulerNs) {
        ArrayNode run = JSON.createArrayNode();
        for (Class<?> type : GateCheck.GATED_CLASSES) {
            List<String> scenarios = switch (type.getSimpleName()) {
                case "RigOutputBenchmark" -> List.of("tonic50", "hf10k");
                case "TherapyPipelineBenchmark", "EcapLoopBenchmark" -> java.util.Collections.singletonList(null);
                default -> SCENARIOS;
            };
            java.util.Set<String> floors = new java.util.HashSet<>();
            for (Method m : type.getMethods()) {
                if (m.isAnnotationPresent(HotPath.class)) {
                    floors.add(m.getAnnotation(HotPath.class).floor());
                }
            }
            for (Method m : type.getMethods()) {
                if (!m.isAnnotationPresent(HotPath.class)) {
                    continue;
                }
                HotPath hot = m.getAnnotation(HotPath.class);
                for (String scenario : scenarios) {
                    // floors 1 ns; the scheduler as asked; others with a floor within their bound; the rest 50 ns
                    double ns = floors.contains(m.getName()) ? 1.0
                            : m.getName().equals("scheduler") ? schedulerNs
                            : !hot.floor().isEmpty() ? Math.min(2.0, hot.maxRatioToFloor()) : 50.0;
                    run.add(result(type.getName() + "." + m.getName(), scenario, ns, 0.0001));
                }
            }
        }
        return run;
    }

    private static ObjectNode result(String benchmark, String scenario, double ns, double allocBytesPerOp) {
        ObjectNode r = JSON.createObjectNode();
        r.put("benchmark", benchmark);
        ObjectNode params = r.putObject("params");
        if (scenario != null) {
            params.put("scenario", scenario);
        }
        ObjectNode primary = r.putObject("primaryMetric");
        primary.put("score", ns);
        primary.put("scoreUnit", "ns/op");
        primary.putArray("rawData").addArray().add(ns * 1.5).add(ns).add(ns * 2);
        ObjectNode alloc = r.putObject("secondaryMetrics").putObject("gc.alloc.rate.norm");
        alloc.put("score", allocBytesPerOp);
        alloc.put("scoreUnit", "B/op");
        return r;
    }

    private static ObjectNode find(ArrayNode run, String benchmark, String scenario) {
        if (scenario == null) {
            for (JsonNode r : run) {
                if (r.path("benchmark").asText().equals(benchmark) && r.path("params").isEmpty()) {
                    return (ObjectNode) r;
                }
            }
            throw new AssertionError("no " + benchmark);
        }
        for (JsonNode r : run) {
            if (r.path("benchmark").asText().equals(benchmark)
                    && r.path("params").path("scenario").asText().equals(scenario)) {
                return (ObjectNode) r;
            }
        }
        throw new AssertionError("no " + benchmark + " " + scenario);
    }

    private List<String> check(JsonNode run) {
        return GateCheck.check(run, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void passesWhenNothingAllocatesAndEveryRatioIsWithinItsBound() {
        List<String> problems = check(passingRun(2.0));

        assertThat(problems).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("gate: 21 passed, 0 failed");
    }

    @Test
    void failsAnAllocatingHotPathSayingByHowMuch() {
        ArrayNode run = passingRun(2.0);
        ((ObjectNode) find(run, SCHEDULER + ".generator", "four32").path("secondaryMetrics")
                .path("gc.alloc.rate.norm")).put("score", 24.0);

        List<String> problems = check(run);

        assertThat(problems).containsExactly("gate: FAIL SchedulerStepBenchmark.generator [scenario=four32]:"
                + " allocates 24.00 B/op, 23.90 B/op over the 0.1 B/op it may allocate");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(problems.get(0));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("gate: 20 passed, 1 failed");
    }

    @Test
    void toleratesAllocationNoiseBelowATenthOfAByte() {
        ArrayNode run = passingRun(2.0);
        ((ObjectNode) find(run, SCHEDULER + ".scheduler", "hf10k").path("secondaryMetrics")
                .path("gc.alloc.rate.norm")).put("score", 0.05);

        assertThat(check(run)).isEmpty();
    }

    @Test
    void failsASchedulerSlowerThanItsBoundInMultiplesOfItsFloorComparingBestIterations() {
        double bound = GateCheckTest.schedulerBound();
        ArrayNode run = passingRun(2.0);
        ObjectNode slow = result(SCHEDULER + ".scheduler", "burst", bound * 2, 0.0);
        run.set(indexOf(run, SCHEDULER + ".scheduler", "burst"), slow);

        List<String> problems = check(run);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("gate: FAIL SchedulerStepBenchmark.scheduler [scenario=burst]: "
                + String.format(java.util.Locale.ROOT,
                "%.2fx its floor (best iterations %.3f vs 1.000 ns/op), 2.00x over the bound", bound * 2, bound * 2));
    }

    @Test
    void neverJudgesAbsoluteTime() {
        ArrayNode run = passingRun(2.0);
        for (JsonNode r : run) {
            ObjectNode primary = (ObjectNode) r.path("primaryMetric");
            double ns = primary.path("score").asDouble() * 1000;
            primary.put("score", ns);
            primary.putArray("rawData").addArray().add(ns);
        }

        assertThat(check(run)).isEmpty();
    }

    @Test
    void failsWhenAHotPathIsMissingOrRanWithoutTheGcProfiler() {
        ArrayNode run = passingRun(2.0);
        run.remove(indexOf(run, "io.dorsal.bench.RigOutputBenchmark.stagePerPhase", "hf10k"));
        find(run, SCHEDULER + ".floor", "tonic50").remove("secondaryMetrics");

        List<String> problems = check(run);

        assertThat(problems).containsExactlyInAnyOrder(
                "gate: FAIL SchedulerStepBenchmark.floor [scenario=tonic50]: no gc.alloc.rate.norm in the result"
                        + " (run JMH with -prof gc)",
                "gate: FAIL RigOutputBenchmark.stagePerPhase [scenario=hf10k]: not in the result (did the benchmark"
                        + " fail or was it left out?)");
    }

    @Test
    void judgesThePreviewRedrawAgainstItsByteBudgetAndItsFloor() {
        String redraw = "io.dorsal.bench.TherapyPipelineBenchmark.previewRedraw";
        ArrayNode within = passingRun(2.0);
        ((ObjectNode) find(within, redraw, null).path("secondaryMetrics").path("gc.alloc.rate.norm"))
                .put("score", 29_033.0);
        assertThat(check(within)).isEmpty();

        ArrayNode over = passingRun(2.0);
        ((ObjectNode) find(over, redraw, null).path("secondaryMetrics").path("gc.alloc.rate.norm"))
                .put("score", 627_408.0);
        ObjectNode primary = (ObjectNode) find(over, redraw, null).path("primaryMetric");
        primary.putArray("rawData").addArray().add(1_000.0);

        assertThat(check(over)).hasSize(2).anySatisfy(p -> assertThat(p).startsWith(
                "gate: FAIL TherapyPipelineBenchmark.previewRedraw: allocates 627408.00 B/op"))
                .anySatisfy(p -> assertThat(p).startsWith("gate: FAIL TherapyPipelineBenchmark.previewRedraw:"
                        + " 1000.00x its floor"));
    }

    @Test
    void failsAnEmptyResult() {
        assertThat(check(JSON.createArrayNode())).containsExactly(
                "gate: FAIL the JMH result holds no benchmark (did the run fail?)");
    }

    private static int indexOf(ArrayNode run, String benchmark, String scenario) {
        for (int i = 0; i < run.size(); i++) {
            JsonNode r = run.get(i);
            if (r.path("benchmark").asText().equals(benchmark)
                    && r.path("params").path("scenario").asText().equals(scenario)) {
                return i;
            }
        }
        throw new AssertionError("no " + benchmark + " " + scenario);
    }

    private static double schedulerBound() {
        try {
            return io.dorsal.bench.SchedulerStepBenchmark.class.getMethod("scheduler").getAnnotation(HotPath.class)
                    .maxRatioToFloor();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
