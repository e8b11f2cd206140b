/**
 * Closed-loop stimulation on evoked compound action potentials (issue 15): a deterministic, seeded model of the spinal
 * cord's response to a pulse as the lead-to-cord distance changes with posture, posture scripts, and the controller
 * that holds the response at a target inside the envelope the validator proved. docs/ecap.md states every figure.
 */
package io.dorsal.core.ecap;
