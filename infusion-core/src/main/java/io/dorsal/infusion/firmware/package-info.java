/**
 * The pump's firmware on a virtual clock: delivery in roller strokes, reservoir accounting, alarms with priorities,
 * patient boluses with lockout, MRI stall, faults, battery and the event log.
 */
package io.dorsal.infusion.firmware;
