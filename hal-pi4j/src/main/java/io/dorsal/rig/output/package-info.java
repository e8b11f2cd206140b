/**
 * Turning scheduler phases into pin changes: the per-phase rig plan, the Pi4J output stage with its action
 * queue, and the trace of every line change.
 */
package io.dorsal.rig.output;
