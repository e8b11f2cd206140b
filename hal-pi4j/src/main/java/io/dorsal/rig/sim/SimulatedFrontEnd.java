package io.dorsal.rig.sim;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import io.dorsal.rig.amplitude.AmplitudeOutputs;
import io.dorsal.rig.amplitude.PwmAmplitude;
import io.dorsal.rig.pins.AmplitudeControl;
import java.util.function.IntSupplier;
import io.dorsal.core.electrode.SeriesRcLoad;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.time.Clock;
import io.dorsal.rig.pins.GpioLine;
import io.dorsal.rig.pins.LineRole;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.Sensing;
import io.dorsal.rig.sense.Mcp3008;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bench rig's analogue side, simulated behind Pi4J's mock pins: each contact is a {@link SeriesRcLoad} (tissue
 * resistance and coupling capacitor); the sources drive what their duty and calibration say (times a gain that a
 * test can spoil); current flows only with ENABLE active and a closed cathode and anode line, limited by the weaker
 * source and by the compliance voltage; DISCHARGE shorts every capacitor. The MCP3008 on the simulated SPI provider
 * answers with each source's current and the path voltage as the pin map's {@link Sensing} scales them. Faults a test
 * can inject: a switch that never closes, a line stuck closed, a source whose real current differs from its
 * calibration, an ENABLE stuck active.
 *
 * <p>The capacitors integrate over virtual or real time: the state advances at every line change and every
 * conversion. Not thread safe: for tests and {@code --mock} runs on one thread.
 */
public final class SimulatedFrontEnd {

    /** Every contact's load unless a test sets one: 1 kOhm (domain.md's default impedance) and 10 uF. */
    public static final SeriesRcLoad DEFAULT_LOAD = new SeriesRcLoad(1_000, 10);
    /** The sources' compliance voltage (domain.md's default). */
    public static final double COMPLIANCE_V = 12.0;

    private final PinMap map;
    private final Sensing sensing;
    private final Clock clock;
    private final DigitalOutput[] outputs;
    /** Per source, the setting its part outputs now (PWM duty read back from Pi4J, or the simulated DAC's code). */
    private final IntSupplier[] settings;
    private final List<ContactId> contacts;
    private final Map<ContactId, SeriesRcLoad> loads = new HashMap<>();
    private final double[] capacitorV;
    private final double[] contactMa;
    private final double[] sourceMa;
    private final double[] sourceGain;
    private final Set<String> openSwitches = new HashSet<>();
    private final Set<String> stuckClosed = new HashSet<>();
    private boolean enableStuck;
    private boolean discharging;
    private double pathV;
    private long lastNs;
    private final Context pi4j;
    private final SimulatedResponseCircuit response = SimulatedResponseCircuit.typical();
    /** The response circuit's peak hold: the largest path current since its reset line last went high, mA. */
    private double heldPeakMa;
    private boolean resetWatched;

    private SimulatedFrontEnd(Context pi4j, PinMap map, Clock clock) {
        this.map = map;
        this.sensing = map.sensing().orElseThrow(() -> new IllegalArgumentException("the pin map has no sensing"));
        this.clock = clock;
        this.pi4j = pi4j;
        outputs = new DigitalOutput[map.lines().size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = pi4j.registry().get("dorsal-" + map.lines().get(i).name(), DigitalOutput.class);
            outputs[i].addListener(event -> changed());
        }
        settings = new IntSupplier[map.sources().size()];
        for (int s = 0; s < settings.length; s++) {
            io.dorsal.rig.pins.Source source = map.sources().get(s);
            settings[s] = switch (source.control()) {
                case AmplitudeControl.Pwm pwm -> {
                    PwmAmplitude read = new PwmAmplitude(pi4j.registry().get(AmplitudeOutputs.pwmId(source), Pwm.class));
                    yield read::setting;
                }
                case AmplitudeControl.Dac dac -> {
                    SimulatedMcp4822 part = SimulatedMcp4822.at(pi4j, dac.chipSelect());
                    yield () -> part.activeCode(dac.channel());
                }
            };
        }
        contacts = map.contacts();
        contacts.forEach(c -> loads.put(c, DEFAULT_LOAD));
        capacitorV = new double[contacts.size()];
        contactMa = new double[contacts.size()];
        sourceMa = new double[settings.length];
        sourceGain = new double[settings.length];
        java.util.Arrays.fill(sourceGain, 1.0);
        lastNs = clock.nanoTime();
    }

    /**
     * Puts the simulated front end behind a mock context whose lines the output stage has already provisioned (make
     * the stage first), and makes the context's simulated SPI answer as the pin map's ADC.
     */
    public static SimulatedFrontEnd attach(Context pi4j, PinMap map, Clock clock) {
        SimulatedFrontEnd frontEnd = new SimulatedFrontEnd(pi4j, map, clock);
        SimulatedSpiProvider spi = pi4j.providers().get(SimulatedSpiProvider.ID, SimulatedSpiProvider.class);
        spi.answerWith(request -> {
            byte[] reply = new byte[request.length];
            Mcp3008.answer(frontEnd.convert(Mcp3008.channelOf(request)), reply);
            return reply;
        });
        return frontEnd;
    }

    /** Sets a contact's load (its tissue resistance and coupling capacitor). */
    public SimulatedFrontEnd load(ContactId contact, SeriesRcLoad load) {
        if (!loads.containsKey(contact)) {
            throw new IllegalArgumentException("no contact " + contact + " on this rig");
        }
        loads.put(contact, load);
        changed();
        return this;
    }

    /** A switch that never closes (a broken switch or wire). */
    public SimulatedFrontEnd openSwitch(String line) {
        openSwitches.add(known(line));
        changed();
        return this;
    }

    /** A line stuck closed whatever the pin says. */
    public SimulatedFrontEnd stuckClosed(String line) {
        stuckClosed.add(known(line));
        changed();
        return this;
    }

    /** A source whose real current is its calibration's times a factor (a miscalibrated source). */
    public SimulatedFrontEnd sourceGain(String source, double factor) {
        for (int s = 0; s < settings.length; s++) {
            if (map.sources().get(s).name().equals(source)) {
                sourceGain[s] = factor;
                changed();
                return this;
            }
        }
        throw new IllegalArgumentException("no source " + source + " on this rig");
    }

    /** ENABLE stuck active: the sources drive whatever the pin says. */
    public SimulatedFrontEnd enableStuck() {
        enableStuck = true;
        changed();
        return this;
    }

    /** The charge held on a contact's coupling capacitor now, in uC (the net charge that has passed). */
    public double heldChargeUc(ContactId contact) {
        advance();
        int c = contacts.indexOf(contact);
        return loads.get(contact).chargeUc(capacitorV[c]);
    }

    /** The current flowing out of a contact into the load now, in mA (negative into the contact: cathodic). */
    public double contactMa(ContactId contact) {
        changed();
        return contactMa[contacts.indexOf(contact)];
    }

    private String known(String line) {
        if (map.lines().stream().noneMatch(l -> l.name().equals(line))) {
            throw new IllegalArgumentException("no line " + line + " on this rig");
        }
        return line;
    }

    private int convert(int channel) {
        changed();
        for (int s = 0; s < sourceMa.length; s++) {
            if (sensing.sourceChannel().get(s) == channel) {
                return sensing.code(sourceMa[s] / sensing.sourceMaPerVolt().get(s));
            }
        }
        if (channel == sensing.pathChannel()) {
            return sensing.code(pathV / sensing.pathVoltsPerVolt() + sensing.pathOffsetV());
        }
        if (sensing.ecap().isPresent() && channel == sensing.ecap().get().channel()) {
            watchReset();
            return sensing.code(response.responseUv(heldPeakMa) / sensing.ecap().get().uvPerVolt());
        }
        return 0;
    }

    /** The response circuit's hold empties when its reset line goes high (the line the ECAP source drives). */
    private void watchReset() {
        if (resetWatched) {
            return;
        }
        String id = "dorsal-" + sensing.ecap().orElseThrow().resetLine();
        if (pi4j.registry().exists(id)) {
            pi4j.registry().get(id, DigitalOutput.class).addListener(event -> {
                if (event.state() == DigitalState.HIGH) {
                    heldPeakMa = 0;
                }
            });
            resetWatched = true;
        }
    }

    /** The simulated response circuit, whose distance potentiometer a test turns. */
    public SimulatedResponseCircuit response() {
        return response;
    }

    /** The capacitors integrate the currents that flowed since the last change; then the new currents are solved. */
    private void changed() {
        advance();
        solve();
    }

    private void advance() {
        long now = clock.nanoTime();
        double dtUs = (now - lastNs) / 1_000.0;
        lastNs = now;
        if (dtUs <= 0) {
            return;
        }
        // the state solved at the last change held until now (a listener runs after the pin has changed)
        for (int c = 0; c < contacts.size(); c++) {
            SeriesRcLoad load = loads.get(contacts.get(c));
            if (contactMa[c] != 0) {
                capacitorV[c] = load.capacitorVoltageAfterCurrentV(capacitorV[c], contactMa[c], dtUs);
            } else if (discharging) {
                capacitorV[c] = load.capacitorVoltageAfterShortV(capacitorV[c], dtUs);
            }
        }
    }

    private void solve() {
        java.util.Arrays.fill(contactMa, 0);
        java.util.Arrays.fill(sourceMa, 0);
        pathV = 0;
        discharging = isActive(map.dischargeLine()) && !enabled();
        if (!enabled()) {
            return;
        }
        double cathodeG = 0;
        double anodeG = 0;
        double cathodeVcG = 0;
        double anodeVcG = 0;
        Set<Integer> cathodeSources = new HashSet<>();
        Set<Integer> anodeSources = new HashSet<>();
        boolean[] conducts = new boolean[map.lines().size()];
        for (int i = 0; i < conducts.length; i++) {
            GpioLine line = map.lines().get(i);
            if (line.contact().isEmpty()) {
                continue;
            }
            conducts[i] = (isActive(i) || stuckClosed.contains(line.name())) && !openSwitches.contains(line.name());
            if (!conducts[i]) {
                continue;
            }
            int c = contacts.indexOf(line.contact().get());
            double g = 1.0 / loads.get(contacts.get(c)).resistanceOhm();
            if (line.role() == LineRole.CATHODE) {
                cathodeG += g;
                cathodeVcG += g * capacitorV[c];
                cathodeSources.add(line.source());
            } else {
                anodeG += g;
                anodeVcG += g * capacitorV[c];
                anodeSources.add(line.source());
            }
        }
        if (cathodeG == 0 || anodeG == 0) {
            return;
        }
        double sink = cathodeSources.stream().mapToDouble(this::drivenMa).sum();
        double push = anodeSources.stream().mapToDouble(this::drivenMa).sum();
        double currentMa = Math.min(sink, push);
        double pathOhm = 1.0 / cathodeG + 1.0 / anodeG;
        double capacitorsV = anodeVcG / anodeG - cathodeVcG / cathodeG;
        double needV = currentMa / 1_000.0 * pathOhm + capacitorsV;
        if (needV > COMPLIANCE_V) {
            currentMa = Math.max(0, (COMPLIANCE_V - capacitorsV) / pathOhm * 1_000.0);
        }
        pathV = currentMa / 1_000.0 * pathOhm + capacitorsV;
        heldPeakMa = Math.max(heldPeakMa, currentMa);
        for (int i = 0; i < conducts.length; i++) {
            if (!conducts[i]) {
                continue;
            }
            GpioLine line = map.lines().get(i);
            int c = contacts.indexOf(line.contact().get());
            double g = 1.0 / loads.get(contacts.get(c)).resistanceOhm();
            double share = line.role() == LineRole.CATHODE ? -currentMa * g / cathodeG : currentMa * g / anodeG;
            contactMa[c] += share;
            sourceMa[line.source()] += Math.abs(share);
        }
    }

    private double drivenMa(int source) {
        int setting = settings[source].getAsInt();
        return map.sources().get(source).calibration().microampsAt(setting) / 1_000.0 * sourceGain[source];
    }

    private boolean enabled() {
        return enableStuck || isActive(PinMap.ENABLE_LINE);
    }

    private boolean isActive(int line) {
        if (line < 0) {
            return false;
        }
        int level = outputs[line].state() == DigitalState.HIGH ? 1 : 0;
        return level == map.lines().get(line).activeLevel();
    }
}
