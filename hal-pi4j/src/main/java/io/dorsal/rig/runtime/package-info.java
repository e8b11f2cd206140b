/** The real-time runner: one thread pacing phases against the clock, measuring its lateness, failing safe. */
package io.dorsal.rig.runtime;
