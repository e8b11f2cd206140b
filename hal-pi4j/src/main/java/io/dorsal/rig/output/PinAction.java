package io.dorsal.rig.output;

/**
 * What one timed action of the output stage did, for the runner's lateness diagnosis ({@code LateActionLog}): which
 * edge of which kind of phase, an amplitude change, a skipped phase, or the safe state re-asserted.
 */
public enum PinAction {
    /** A stimulation phase switched on (contact lines, then ENABLE). */
    STIM_ON,
    /** A stimulation phase switched off (ENABLE first). */
    STIM_OFF,
    /** An active recharge phase switched on. */
    RECHARGE_ON,
    /** An active recharge phase switched off. */
    RECHARGE_OFF,
    /** A passive recharge window opened (DISCHARGE closed, ENABLE off). */
    PASSIVE_ON,
    /** A passive recharge window closed. */
    PASSIVE_OFF,
    /** A source's amplitude set (DAC code or PWM duty), or left pending while ENABLE is on. */
    AMPLITUDE,
    /** A skipped phase's switch-on or switch-off: nothing written. */
    SKIPPED,
    /** The stage was latched safe: the queue dropped and the safe state re-asserted. */
    SAFE
}
