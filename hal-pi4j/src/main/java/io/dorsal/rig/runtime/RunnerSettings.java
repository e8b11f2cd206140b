package io.dorsal.rig.runtime;

/**
 * How the runner paces and when it gives up.
 *
 * @param lookaheadNs      how far ahead of its start a phase is taken from the scheduler and queued
 * @param missThresholdNs  an action later than this counts as a miss
 * @param faultLatenessNs  an action later than this faults the generator and drives every output safe
 * @param maxActionsPerCycle actions executed per duty cycle at most, so the loop stays responsive
 * @param overrunBoundNs   a phase that runs past its length by more than this faults the rig (switch-off first)
 */
public record RunnerSettings(long lookaheadNs, long missThresholdNs, long faultLatenessNs, int maxActionsPerCycle,
                             long overrunBoundNs) {

    /** Defaults for a Pi 4 on an isolated core; see docs/bench-rig.md. */
    public static final RunnerSettings DEFAULTS = new RunnerSettings(500_000L, 50_000L, 1_000_000L, 64,
            io.dorsal.rig.output.Pi4jOutputStage.DEFAULT_OVERRUN_BOUND_NS);

    public RunnerSettings {
        if (lookaheadNs <= 0 || missThresholdNs <= 0 || faultLatenessNs < missThresholdNs || maxActionsPerCycle < 1
                || overrunBoundNs <= 0) {
            throw new IllegalArgumentException("runner settings: lookahead " + lookaheadNs + " ns, miss "
                    + missThresholdNs + " ns, fault " + faultLatenessNs + " ns, " + maxActionsPerCycle
                    + " actions, overrun " + overrunBoundNs + " ns");
        }
    }

    public RunnerSettings withFaultLatenessNs(long ns) {
        return new RunnerSettings(lookaheadNs, Math.min(missThresholdNs, ns), ns, maxActionsPerCycle, overrunBoundNs);
    }

    public RunnerSettings withOverrunBoundNs(long ns) {
        return new RunnerSettings(lookaheadNs, missThresholdNs, faultLatenessNs, maxActionsPerCycle, ns);
    }
}
