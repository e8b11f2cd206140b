package io.dorsal.bench;

import io.dorsal.rig.runtime.LateActionLog;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lateness harness's diagnosis of one scenario's late actions: how many fell in each second of the run (a
 * warm-up or deoptimisation shows at the start, other engineers' builds as bursts later), how many of each kind
 * (switch-on or -off of which phase, amplitude change), and the worst few with when they were due.
 */
final class LateSummary {

    private LateSummary() {
    }

    /** A few lines describing the log; {@code seconds} is the scenario's length. */
    static String describe(String scenario, LateActionLog log, long seconds, int worstListed) {
        StringBuilder out = new StringBuilder();
        int n = log.size();
        out.append(String.format(Locale.ROOT, "%-9s %d late%s", scenario, n,
                log.overflowed() > 0 ? " (and " + log.overflowed() + " more not kept)" : ""));
        if (n == 0) {
            return out.append('\n').toString();
        }
        long[] perSecond = new long[(int) seconds + 1];
        Map<String, Integer> byKind = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int second = (int) Math.max(0, Math.min(seconds, log.dueNs(i) / 1_000_000_000L));
            perSecond[second]++;
            byKind.merge(log.action(i) == null ? "deadline" : log.action(i).name(), 1, Integer::sum);
        }
        out.append(": by kind ").append(byKind).append('\n').append("  by second");
        for (int s = 0; s < perSecond.length; s++) {
            if (perSecond[s] > 0) {
                out.append(' ').append(s).append(':').append(perSecond[s]);
            }
        }
        out.append('\n');
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(log.latenessNs(b), log.latenessNs(a)));
        out.append("  worst:");
        for (int k = 0; k < Math.min(worstListed, n); k++) {
            int i = order[k];
            out.append(String.format(Locale.ROOT, " %.1f us at %.6f s %s;", log.latenessNs(i) / 1e3,
                    log.dueNs(i) / 1e9, log.action(i) == null ? "deadline" : log.action(i)));
        }
        return out.append('\n').toString();
    }
}
