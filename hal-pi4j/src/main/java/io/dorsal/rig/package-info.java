/** The Raspberry Pi bench rig: pin map, Pi4J output stage, real-time runner and fail-safe outputs. */
package io.dorsal.rig;
