/** A pump run on a virtual clock for days, written as CSV: an hourly delivery row and a row per event. */
package io.dorsal.infusion.simulation;
