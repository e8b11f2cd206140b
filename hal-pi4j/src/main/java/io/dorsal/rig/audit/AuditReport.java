package io.dorsal.rig.audit;

import java.util.List;

/**
 * What an audit found, and the figures a bench engineer reads beside it.
 *
 * @param findings             every violation, in trace order; empty when the trace keeps every rule
 * @param windows              ENABLE windows (driven phases) in the trace
 * @param periods              periods (bursts, with passive recharge) whose balance was checked
 * @param unbalancedPeriods    of those, the ones a contact did not balance
 * @param worstImbalanceUc     the largest per-period net charge on a contact, signed
 * @param worstImbalanceContact the contact it was on
 * @param longestOverUs        the most a window ran past its programmed width (negative: every window was shorter)
 * @param longestUs            that window's length
 * @param longestProgrammedUs  its programmed width
 * @param mergedPulses         stimulation pulses switched on too soon after the one before (joined to it)
 * @param endedInFault         the last window ran past its bound: the run faulted there (allowed, switch-off first)
 * @param residualUc           the charge left on a contact at the trace's end (coupling capacitors bled through the
 *                             discharge line with each contact's R x C), signed
 * @param residualContact      the contact it was on
 */
public record AuditReport(List<AuditFinding> findings, long windows, long periods, long unbalancedPeriods,
                          double worstImbalanceUc, String worstImbalanceContact, long longestOverUs, long longestUs,
                          long longestProgrammedUs, long mergedPulses, boolean endedInFault, double residualUc,
                          String residualContact) {

    public AuditReport {
        findings = List.copyOf(findings);
    }

    /** Whether the trace keeps every rule. */
    public boolean passed() {
        return findings.isEmpty();
    }

    /** The findings of one rule. */
    public List<AuditFinding> findings(String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }
}
