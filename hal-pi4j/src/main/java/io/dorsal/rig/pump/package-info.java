/**
 * The bench rig's drug pump: a stepper driver's STEP, DIR and ENABLE lines through Pi4J, a volume per step from
 * a calibration, driven by the pump firmware of infusion-core; fail-safe (ENABLE off) on any fault and at the end.
 */
package io.dorsal.rig.pump;
