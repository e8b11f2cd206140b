/**
 * The pulse generator's firmware model: its modes and faults, the atomic swap of a new therapy at a pulse
 * boundary, patient amplitude steps, impedance check, battery and event log.
 */
package io.dorsal.core.generator;
