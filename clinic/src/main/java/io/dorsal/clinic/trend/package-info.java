/**
 * Trends that find problems over visits: impedance jumps, drifts, opens and shorts per contact (docs/safety.md,
 * "Impedance trends"), the battery's projected end of service, and pump refill discrepancies.
 */
package io.dorsal.clinic.trend;
