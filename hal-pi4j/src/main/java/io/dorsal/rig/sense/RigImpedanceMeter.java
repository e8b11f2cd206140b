package io.dorsal.rig.sense;

import com.pi4j.context.Context;
import io.dorsal.core.generator.ImpedanceMeter;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.time.Clock;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.runtime.IdleStrategy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's {@link ImpedanceMeter} on the rig: the impedance check of a connected programmer measures each
 * contact with probe pulses ({@link ImpedanceMeasurement}) instead of reading the therapy file. The generator calls
 * it only while it delivers nothing; it latches the output stage safe first and leaves it safe. A path that carries
 * no probe current (an open contact) is reported at {@link #ceilingOhm}, the most a probe can measure, so it is
 * flagged open and stays a finite number on the link. Not thread safe: the generator calls it under its lock.
 */
public final class RigImpedanceMeter implements ImpedanceMeter {

    private final Context pi4j;
    private final PinMap map;
    private final Pi4jOutputStage stage;
    private final Clock clock;
    private final IdleStrategy idle;
    private final DeviceLimits limits;
    private FrontEndProbe probe;

    public RigImpedanceMeter(Context pi4j, PinMap map, Pi4jOutputStage stage, Clock clock, IdleStrategy idle,
                             DeviceLimits limits) {
        if (map.sensing().isEmpty()) {
            throw new IllegalArgumentException("the pin map has no sensing section: this rig cannot measure");
        }
        this.pi4j = pi4j;
        this.map = map;
        this.stage = stage;
        this.clock = clock;
        this.idle = idle;
        this.limits = limits;
    }

    /** The highest impedance a probe pulse can measure: the compliance voltage over the probe current. */
    public double ceilingOhm() {
        return limits.complianceVoltageV() / MeasuredSelfTest.TEST_CURRENT_MA * 1_000;
    }

    @Override
    public Map<ContactId, Double> measureOhm(List<ContactId> contacts) {
        stage.safe();
        try {
            // a therapy delivered since the last bleed leaves the stage bleeding with DISCHARGE closed: let it end
            // (the residual charge returns) before a probe, which needs DISCHARGE open, drives the outputs
            while (stage.bleeding()) {
                long now = clock.nanoTime();
                if (!stage.endBleed(now)) {
                    idle.idle(now, stage.bleedEndsNs());
                }
            }
            if (probe == null) {
                probe = new FrontEndProbe(pi4j, map, Mcp3008.open(pi4j, map.sensing().get().chipSelect()), clock, idle);
            }
            ImpedanceReport report = ImpedanceMeasurement.measure(probe, map, clock, limits);
            Map<ContactId, Double> measured = new HashMap<>();
            for (ImpedanceReport.ContactImpedance c : report.contacts()) {
                if (contacts.contains(c.contact())) {
                    double ohm = c.impedanceOhm();
                    measured.put(c.contact(), !(ohm <= ceilingOhm()) ? ceilingOhm() : Math.max(0, ohm));
                }
            }
            return measured;
        } finally {
            stage.safe();
        }
    }
}
