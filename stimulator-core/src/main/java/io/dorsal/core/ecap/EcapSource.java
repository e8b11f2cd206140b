package io.dorsal.core.ecap;

/**
 * Where the closed loop reads the ECAP a pulse evoked: the simulated cord in core ({@link SimulatedCord}), the rig's
 * sensing ADC on the bench. Called on the real-time thread once a pulse, in pulse order: allocation-free, no locks,
 * no logging.
 */
public interface EcapSource {

    /**
     * The ECAP the recording contacts measured after the pulse that started at {@code pulseStartNs} (on the
     * generator's clock) with a cathodic current of {@code currentMa}, in uV, artefact blanked; {@link Double#NaN} when
     * the recording saw no usable signal.
     */
    double sampleUv(long pulseStartNs, double currentMa);
}
