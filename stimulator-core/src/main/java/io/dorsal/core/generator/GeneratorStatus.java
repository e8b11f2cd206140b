package io.dorsal.core.generator;

import io.dorsal.core.safety.ValidatedTherapy;
import java.util.Optional;

/**
 * A snapshot of the generator, as a programmer displays it.
 *
 * @param timeNs           when the snapshot was taken, on the generator's clock
 * @param mode             what the generator is doing
 * @param therapy          the therapy it holds (running or not), if any
 * @param batteryFraction  capacity left, 0 to 1
 * @param batteryDaysLeft  days to end of service at the current therapy
 * @param batteryLow       whether the cell has reached its elective-replacement level
 * @param faultReason      why the generator is in FAULT, if it is
 * @param deliveredUc      charge delivered to the electrodes since the generator was made
 */
public record GeneratorStatus(long timeNs, GeneratorMode mode, Optional<ValidatedTherapy> therapy,
                              double batteryFraction, double batteryDaysLeft, boolean batteryLow,
                              Optional<String> faultReason, double deliveredUc) {
}
