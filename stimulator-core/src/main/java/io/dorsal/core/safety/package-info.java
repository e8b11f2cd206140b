/**
 * The safety rules every therapy passes before it can run: {@link io.dorsal.core.safety.SafetyValidator} turns a
 * {@link io.dorsal.core.therapy.Therapy} into a {@link io.dorsal.core.safety.ValidatedTherapy} or a list of
 * {@link io.dorsal.core.safety.Violation}s.
 */
package io.dorsal.core.safety;
