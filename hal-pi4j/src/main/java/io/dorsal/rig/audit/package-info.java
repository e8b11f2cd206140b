/**
 * Checking a rig trace against the pin map and the therapy it ran: charge balance, phase lengths, merged pulses,
 * lines steady while enabled, safe levels and the discharge after every stop ({@code stimctl rig audit}).
 */
package io.dorsal.rig.audit;
