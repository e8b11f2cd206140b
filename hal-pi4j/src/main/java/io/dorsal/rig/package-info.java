/** The Raspberry Pi bench rig: pin map, Pi4J output stage and real-time runner (filled by the rig issue). */
package io.dorsal.rig;
