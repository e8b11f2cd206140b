package io.dorsal.rig.pins;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dorsal.core.json.InputBounds;
import io.dorsal.core.therapy.ContactId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a pin map (docs/bench-rig.md) and refuses it, before any pin is touched, when it is inconsistent: a
 * GPIO or line name used twice, a contact with no lines, an unknown source or PWM channel, a bad safe level
 * or calibration. Thread safe.
 */
public final class PinMapCodec {

    /** GPIOs on the 40-pin header that a rig may use (BCM numbering; 0 and 1 are the HAT EEPROM bus). */
    public static final int MIN_BCM = 2;
    public static final int MAX_BCM = 27;
    /** GPIOs that carry hardware PWM. */
    public static final Set<Integer> PWM_BCM = Set.of(12, 13, 18, 19);
    /** Hardware PWM channels: 0 and 1 on a Pi 4, 0 to 3 on a Pi 5. */
    public static final int MAX_PWM_CHANNEL = 3;
    /**
     * The shortest and longest maximum-on-time a pin map may declare for ENABLE's hardware cut-off, in us. Below
     * 20 us no programmable phase fits (the shortest pulse width is 20 us); above 20 ms the cut-off no longer
     * limits a stuck output to less than a whole therapy period of a 50 Hz program (docs/bench-rig.md).
     */
    public static final int MIN_MAX_ON_TIME_US = 20;
    public static final int MAX_MAX_ON_TIME_US = 20_000;
    /** The buses a pin map leaves to the Pi when it names none: the serial console's UART. */
    public static final List<String> DEFAULT_BUSES_IN_USE = List.of(PiBus.UART0.fileName());
    /** The DAC part a source may name: the default amplitude part (docs/bench-rig.md). */
    public static final String DAC_PART = "mcp4822";
    /** The DAC's gain when a source names none: 2, so a 5 V part spans 0 to 4.095 V at 1 mV a code. */
    public static final int DEFAULT_DAC_GAIN = 2;
    /** The highest ADC reference: the MCP3008's supply on a Pi's 3V3 rail. */
    public static final double MAX_ADC_VREF_V = 3.3;

    /** What the reader reads at most (docs/bench-rig.md): the bounds of a program file. */
    private static final InputBounds BOUNDS = InputBounds.FILE;

    private static final ObjectMapper MAPPER = JsonMapper.builder(BOUNDS.jsonFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private PinMapCodec() {
    }

    record LineForm(@JsonProperty(value = "line", required = true) String line,
                    @JsonProperty(value = "gpio", required = true) int gpio,
                    @JsonProperty(value = "safe", required = true) int safe,
                    @JsonProperty("source") String source) {
    }

    record PwmForm(@JsonProperty(value = "line", required = true) String line,
                   @JsonProperty(value = "channel", required = true) int channel,
                   @JsonProperty(value = "gpio", required = true) int gpio,
                   @JsonProperty(value = "frequencyHz", required = true) int frequencyHz,
                   @JsonProperty(value = "safeDutyPercent", required = true) int safeDutyPercent) {
    }

    record DacForm(@JsonProperty(value = "line", required = true) String line,
                   @JsonProperty(value = "part", required = true) String part,
                   @JsonProperty(value = "chipSelect", required = true) int chipSelect,
                   @JsonProperty(value = "channel", required = true) String channel,
                   @JsonProperty("gain") Integer gain,
                   @JsonProperty(value = "safeCode", required = true) int safeCode) {
    }

    record CalibrationForm(@JsonProperty("maPerDutyPercent") Double maPerDutyPercent,
                           @JsonProperty("maPerCode") Double maPerCode,
                           @JsonProperty("points") List<double[]> points) {
    }

    record SourceForm(@JsonProperty(value = "name", required = true) String name,
                      @JsonProperty("dac") DacForm dac,
                      @JsonProperty("pwm") PwmForm pwm,
                      @JsonProperty(value = "calibration", required = true) CalibrationForm calibration) {
    }

    record ChannelForm(@JsonProperty(value = "channel", required = true) int channel,
                       @JsonProperty(value = "maPerVolt", required = true) double maPerVolt) {
    }

    record PathForm(@JsonProperty(value = "channel", required = true) int channel,
                    @JsonProperty(value = "voltsPerVolt", required = true) double voltsPerVolt,
                    @JsonProperty(value = "offsetV", required = true) double offsetV) {
    }

    record SensingForm(@JsonProperty(value = "adc", required = true) String adc,
                       @JsonProperty(value = "chipSelect", required = true) int chipSelect,
                       @JsonProperty(value = "vrefV", required = true) double vrefV,
                       @JsonProperty(value = "sourceCurrent", required = true) Map<String, ChannelForm> sourceCurrent,
                       @JsonProperty(value = "pathVoltage", required = true) PathForm pathVoltage,
                       @JsonProperty("selfTestLoadOhm") Double selfTestLoadOhm,
                       @JsonProperty("ecap") EcapForm ecap) {
    }

    record EcapForm(@JsonProperty(value = "channel", required = true) int channel,
                    @JsonProperty(value = "uvPerVolt", required = true) double uvPerVolt,
                    @JsonProperty(value = "resetLine", required = true) String resetLine,
                    @JsonProperty(value = "resetGpio", required = true) int resetGpio) {
    }

    record TriggerForm(@JsonProperty(value = "line", required = true) String line,
                       @JsonProperty(value = "gpio", required = true) int gpio,
                       @JsonProperty(value = "edge", required = true) String edge) {
    }

    record ContactForm(@JsonProperty("cathode") LineForm cathode, @JsonProperty("anode") LineForm anode) {
    }

    record PinMapForm(@JsonProperty(value = "name", required = true) String name,
                      @JsonProperty("pwmChip") Integer pwmChip,
                      @JsonProperty(value = "maxOnTimeUs", required = true) int maxOnTimeUs,
                      @JsonProperty("busesInUse") List<String> busesInUse,
                      @JsonProperty(value = "enable", required = true) LineForm enable,
                      @JsonProperty("discharge") LineForm discharge,
                      @JsonProperty(value = "sources", required = true) List<SourceForm> sources,
                      @JsonProperty(value = "contacts", required = true) LinkedHashMap<String, ContactForm> contacts,
                      @JsonProperty("sensing") SensingForm sensing,
                      @JsonProperty("sync") LineForm sync,
                      @JsonProperty("trigger") TriggerForm trigger) {
    }

    public static PinMap read(Path file) throws PinMapException {
        String text;
        try {
            text = BOUNDS.readFile(file);
        } catch (InputBounds.TooLarge e) {
            throw new PinMapException(List.of("the pin map is " + e.getMessage()));
        } catch (IOException e) {
            throw new PinMapException(List.of("cannot read the pin map: " + e.getMessage()));
        }
        return read(text);
    }

    public static PinMap read(String json) throws PinMapException {
        Optional<InputBounds.Exceeded> exceeded = BOUNDS.exceeded(json);
        if (exceeded.isPresent()) {
            throw new PinMapException(List.of(exceeded.get().describe()));
        }
        PinMapForm form;
        try {
            form = MAPPER.readValue(json, PinMapForm.class);
        } catch (JsonProcessingException e) {
            throw new PinMapException(List.of(describe(e)));
        }
        if (form == null) {
            throw new PinMapException(List.of("the pin map is empty"));
        }
        return check(form);
    }

    private static PinMap check(PinMapForm form) throws PinMapException {
        List<String> problems = new ArrayList<>();
        Set<PiBus> buses = buses(form.busesInUse() == null ? DEFAULT_BUSES_IN_USE : form.busesInUse(), problems);
        Map<Integer, String> gpioOwner = new HashMap<>();
        Map<String, String> nameOwner = new HashMap<>();
        Map<Integer, String> channelOwner = new HashMap<>();
        Map<String, String> dacOwner = new HashMap<>();

        List<Source> sources = new ArrayList<>();
        Map<String, Integer> sourceIndex = new HashMap<>();
        if (form.sources() == null || form.sources().isEmpty()) {
            problems.add("sources: a rig needs at least one current source");
        } else {
            for (SourceForm s : form.sources()) {
                String where = "source '" + s.name() + "'";
                if (sourceIndex.putIfAbsent(s.name(), sources.size()) != null) {
                    problems.add(where + ": the name is used twice");
                }
                if ((s.dac() == null) == (s.pwm() == null)) {
                    problems.add(where + ": give it exactly one of dac (the default part, an MCP4822 on spi0) or pwm");
                    continue;
                }
                String line = s.dac() != null ? s.dac().line() : s.pwm().line();
                AmplitudeControl control = s.dac() != null
                        ? dac(s.dac(), where, buses, dacOwner, problems)
                        : pwm(s.pwm(), where, buses, gpioOwner, channelOwner, problems);
                claimName(line, where, nameOwner, problems);
                int safe = s.dac() != null ? s.dac().safeCode() : s.pwm().safeDutyPercent();
                String safeName = s.dac() != null ? "safe code " + safe : "safe duty " + safe + "%";
                if (safe < 0 || safe > control.steps()) {
                    problems.add(where + ": " + safeName + "; must be 0 to " + control.steps());
                }
                Optional<Calibration> calibration = calibration(s.calibration(), s.dac() != null, where, problems);
                calibration.filter(c -> safe >= 0 && safe <= c.steps() && c.microampsAt(safe) != 0.0)
                        .ifPresent(c -> problems.add(where + ": " + safeName + " drives current; the safe setting must"
                                + " drive none"));
                sources.add(new Source(s.name(), line, control, safe,
                        calibration.orElse(Calibration.linear(0, control.steps()))));
            }
        }

        List<GpioLine> lines = new ArrayList<>();
        lines.add(line(form.enable(), LineRole.ENABLE, Optional.empty(), -1, "enable", buses, gpioOwner, nameOwner,
                problems));
        if (form.discharge() != null) {
            lines.add(line(form.discharge(), LineRole.DISCHARGE, Optional.empty(), -1, "discharge", buses,
                    gpioOwner, nameOwner, problems));
        }
        if (form.contacts() == null || form.contacts().isEmpty()) {
            problems.add("contacts: a rig needs at least one contact");
        } else {
            for (Map.Entry<String, ContactForm> e : form.contacts().entrySet()) {
                ContactId contact;
                try {
                    contact = ContactId.parse(e.getKey());
                } catch (IllegalArgumentException bad) {
                    problems.add("contacts: " + bad.getMessage());
                    continue;
                }
                ContactForm c = e.getValue();
                String where = "contact " + contact;
                if (c == null || (c.cathode() == null && c.anode() == null)) {
                    problems.add(where + ": no lines; give it a cathode line, an anode line or both");
                    continue;
                }
                addContactLine(c.cathode(), LineRole.CATHODE, contact, where, sourceIndex, lines, buses, gpioOwner,
                        nameOwner, problems);
                addContactLine(c.anode(), LineRole.ANODE, contact, where, sourceIndex, lines, buses, gpioOwner,
                        nameOwner, problems);
            }
        }
        Optional<SyncOutput> sync = Optional.empty();
        if (form.sync() != null) {
            LineForm f = form.sync();
            claimGpio(f.gpio(), f.line(), buses, gpioOwner, problems);
            checkBootLevel(f, problems);
            claimName(f.line(), "sync", nameOwner, problems);
            if (f.source() != null) {
                problems.add("sync (" + f.line() + "): a sync line takes no source");
            }
            if (f.safe() != 0 && f.safe() != 1) {
                problems.add("sync (" + f.line() + "): safe level " + f.safe() + "; must be 0 or 1");
            } else {
                sync = Optional.of(new SyncOutput(f.line(), f.gpio(), f.safe()));
            }
        }
        Optional<TriggerInput> trigger = Optional.empty();
        if (form.trigger() != null) {
            TriggerForm f = form.trigger();
            claimGpio(f.gpio(), f.line(), buses, gpioOwner, problems);
            claimName(f.line(), "trigger", nameOwner, problems);
            if ("rising".equals(f.edge()) || "falling".equals(f.edge())) {
                trigger = Optional.of(new TriggerInput(f.line(), f.gpio(),
                        TriggerInput.Edge.valueOf(f.edge().toUpperCase(java.util.Locale.ROOT))));
            } else {
                problems.add("trigger (" + f.line() + "): edge '" + f.edge() + "'; must be rising or falling");
            }
        }
        int pwmChip = form.pwmChip() == null ? 0 : form.pwmChip();
        if (pwmChip < 0) {
            problems.add("pwmChip: " + pwmChip + "; must be 0 or more");
        }
        if (form.maxOnTimeUs() < MIN_MAX_ON_TIME_US || form.maxOnTimeUs() > MAX_MAX_ON_TIME_US) {
            problems.add("maxOnTimeUs: " + form.maxOnTimeUs() + " us; the enable line's hardware cut-off must be "
                    + MIN_MAX_ON_TIME_US + " to " + MAX_MAX_ON_TIME_US + " us (docs/bench-rig.md)");
        }
        if (!problems.isEmpty()) {
            throw new PinMapException(problems);
        }
        if (form.sensing() != null && form.sensing().ecap() != null) {
            EcapForm e = form.sensing().ecap();
            claimGpio(e.resetGpio(), e.resetLine(), buses, gpioOwner, problems);
            claimName(e.resetLine(), "sensing.ecap", nameOwner, problems);
        }
        Optional<Sensing> sensing = form.sensing() == null ? Optional.empty()
                : sensing(form.sensing(), sources, buses, problems);
        if (!problems.isEmpty()) {
            throw new PinMapException(problems);
        }
        return new PinMap(form.name(), pwmChip, lines, sources, form.maxOnTimeUs(), buses, sensing, sync, trigger);
    }

    private static void addContactLine(LineForm form, LineRole role, ContactId contact, String where,
                                       Map<String, Integer> sourceIndex, List<GpioLine> lines, Set<PiBus> buses,
                                       Map<Integer, String> gpioOwner, Map<String, String> nameOwner,
                                       List<String> problems) {
        if (form == null) {
            return;
        }
        String lineWhere = where + " " + role.name().toLowerCase(java.util.Locale.ROOT) + " line";
        Integer source = form.source() == null ? null : sourceIndex.get(form.source());
        if (form.source() == null) {
            problems.add(lineWhere + ": names no source");
        } else if (source == null) {
            problems.add(lineWhere + ": unknown source '" + form.source() + "'; sources are " + sourceIndex.keySet());
        }
        lines.add(line(form, role, Optional.of(contact), source == null ? -1 : source, lineWhere, buses, gpioOwner,
                nameOwner, problems));
    }

    private static GpioLine line(LineForm form, LineRole role, Optional<ContactId> contact, int source, String where,
                                 Set<PiBus> buses, Map<Integer, String> gpioOwner, Map<String, String> nameOwner,
                                 List<String> problems) {
        claimGpio(form.gpio(), form.line(), buses, gpioOwner, problems);
        checkBootLevel(form, problems);
        claimName(form.line(), where, nameOwner, problems);
        if (form.safe() != 0 && form.safe() != 1) {
            problems.add(where + " (" + form.line() + "): safe level " + form.safe() + "; must be 0 or 1");
        }
        if (role != LineRole.CATHODE && role != LineRole.ANODE && form.source() != null) {
            problems.add(where + " (" + form.line() + "): a " + role.name().toLowerCase(java.util.Locale.ROOT)
                    + " line takes no source");
        }
        return new GpioLine(form.line(), form.gpio(), form.safe() == 1 ? 1 : 0, role, contact, source);
    }

    private static void claimGpio(int gpio, String line, Set<PiBus> buses, Map<Integer, String> owner,
                                  List<String> problems) {
        if (gpio < MIN_BCM || gpio > MAX_BCM) {
            problems.add("line " + line + ": gpio " + gpio + " is not on the header; use " + MIN_BCM + " to " + MAX_BCM);
            return;
        }
        if (owner.putIfAbsent(gpio, line) != null) {
            problems.add("gpio " + gpio + " is used twice: by " + owner.get(gpio) + " and " + line);
        }
        for (PiBus bus : buses) {
            bus.signalOn(gpio).ifPresent(signal -> problems.add("line " + line + ": gpio " + gpio + " is "
                    + bus.fileName() + " " + signal + " and " + bus.fileName() + " is in use (busesInUse); move the line"
                    + " to another gpio, or free the bus by leaving it out of busesInUse"));
        }
    }

    /** A line must sit at its safe level from power-on: its safe level must be the pin's boot pull. */
    private static void checkBootLevel(LineForm form, List<String> problems) {
        if (form.gpio() < MIN_BCM || form.gpio() > MAX_BCM || (form.safe() != 0 && form.safe() != 1)) {
            return;
        }
        int boot = BootLevels.bootLevel(form.gpio());
        if (form.safe() != boot) {
            problems.add("line " + form.line() + ": gpio " + form.gpio() + " is pulled " + (boot == 1 ? "high" : "low")
                    + " at boot, so with safe level " + form.safe() + " it is weakly active before the rig starts; use a"
                    + " gpio pulled " + (form.safe() == 1 ? "high (2 to " + BootLevels.LAST_PULLED_HIGH_BCM + ")"
                    : "low (" + (BootLevels.LAST_PULLED_HIGH_BCM + 1) + " to " + MAX_BCM + ")")
                    + ", or wire the line active-" + (boot == 1 ? "low" : "high") + " and declare safe: " + boot);
        }
    }

    private static Optional<Sensing> sensing(SensingForm form, List<Source> sources, Set<PiBus> buses,
                                             List<String> problems) {
        int before = problems.size();
        if (!"mcp3008".equals(form.adc())) {
            problems.add("sensing.adc: '" + form.adc() + "'; the rig reads an mcp3008");
        }
        if (!buses.contains(PiBus.SPI0)) {
            problems.add("sensing: the ADC sits on spi0; add \"spi0\" to busesInUse so no line takes its pins");
        }
        if (form.chipSelect() != 0 && form.chipSelect() != 1) {
            problems.add("sensing.chipSelect: " + form.chipSelect() + "; spi0 has chip selects 0 and 1");
        }
        for (Source source : sources) {
            if (source.control() instanceof AmplitudeControl.Dac dac && dac.chipSelect() == form.chipSelect()) {
                problems.add("sensing.chipSelect: " + form.chipSelect() + " is taken by the DAC of source '"
                        + source.name() + "'; give the ADC the other chip select");
            }
        }
        if (!(form.vrefV() > 0 && form.vrefV() <= MAX_ADC_VREF_V)) {
            problems.add("sensing.vrefV: " + form.vrefV() + " V; must be above 0 and at most " + MAX_ADC_VREF_V + " V");
        }
        Set<Integer> channels = new java.util.HashSet<>();
        List<Integer> sourceChannel = new ArrayList<>();
        List<Double> sourceGain = new ArrayList<>();
        Map<String, ChannelForm> byName = form.sourceCurrent() == null ? Map.of() : form.sourceCurrent();
        for (String name : byName.keySet()) {
            if (sources.stream().noneMatch(s -> s.name().equals(name))) {
                problems.add("sensing.sourceCurrent: unknown source '" + name + "'");
            }
        }
        for (Source source : sources) {
            ChannelForm channel = byName.get(source.name());
            if (channel == null) {
                problems.add("sensing.sourceCurrent: source '" + source.name() + "' has no current channel");
                continue;
            }
            checkChannel(channel.channel(), "sensing.sourceCurrent." + source.name(), channels, problems);
            if (!(channel.maPerVolt() > 0) || Double.isInfinite(channel.maPerVolt())) {
                problems.add("sensing.sourceCurrent." + source.name() + ".maPerVolt: " + channel.maPerVolt()
                        + "; must be above 0");
            }
            sourceChannel.add(channel.channel());
            sourceGain.add(channel.maPerVolt());
        }
        PathForm path = form.pathVoltage();
        checkChannel(path.channel(), "sensing.pathVoltage", channels, problems);
        if (!(path.voltsPerVolt() > 0) || Double.isInfinite(path.voltsPerVolt())) {
            problems.add("sensing.pathVoltage.voltsPerVolt: " + path.voltsPerVolt() + "; must be above 0");
        }
        if (!(path.offsetV() >= 0 && path.offsetV() <= form.vrefV())) {
            problems.add("sensing.pathVoltage.offsetV: " + path.offsetV() + " V; must be 0 to vrefV");
        }
        if (form.selfTestLoadOhm() != null && !(form.selfTestLoadOhm() > 0 && form.selfTestLoadOhm() < 1e6)) {
            problems.add("sensing.selfTestLoadOhm: " + form.selfTestLoadOhm() + " Ohm; must be above 0 and below 1 MOhm");
        }
        Optional<EcapChannel> ecap = Optional.empty();
        if (form.ecap() != null) {
            EcapForm e = form.ecap();
            checkChannel(e.channel(), "sensing.ecap", channels, problems);
            if (!(e.uvPerVolt() > 0) || Double.isInfinite(e.uvPerVolt())) {
                problems.add("sensing.ecap.uvPerVolt: " + e.uvPerVolt() + "; must be above 0");
            }
            ecap = Optional.of(new EcapChannel(e.channel(), e.uvPerVolt(), e.resetLine(), e.resetGpio()));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Sensing(form.chipSelect(), form.vrefV(), sourceChannel, sourceGain, path.channel(),
                path.voltsPerVolt(), path.offsetV(), form.selfTestLoadOhm() == null ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of(form.selfTestLoadOhm()), ecap));
    }

    private static void checkChannel(int channel, String where, Set<Integer> used, List<String> problems) {
        if (channel < 0 || channel >= Sensing.CHANNELS) {
            problems.add(where + ".channel: " + channel + "; the ADC has channels 0 to " + (Sensing.CHANNELS - 1));
        } else if (!used.add(channel)) {
            problems.add(where + ".channel: " + channel + " is used twice");
        }
    }

    private static Set<PiBus> buses(List<String> names, List<String> problems) {
        Set<PiBus> buses = EnumSet.noneOf(PiBus.class);
        for (String name : names) {
            Optional<PiBus> bus = name == null ? Optional.empty() : PiBus.byFileName(name);
            if (bus.isEmpty()) {
                problems.add("busesInUse: unknown bus '" + name + "'; buses are "
                        + java.util.Arrays.stream(PiBus.values()).map(PiBus::fileName).toList());
            } else {
                buses.add(bus.get());
            }
        }
        return buses;
    }

    private static void claimName(String name, String where, Map<String, String> owner, List<String> problems) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9_.-]+")) {
            problems.add(where + ": line name '" + name + "'; use letters, digits, '_', '.' or '-'");
        } else if (owner.putIfAbsent(name, where) != null) {
            problems.add("line name " + name + " is used twice: by " + owner.get(name) + " and " + where);
        }
    }

    /** A DAC source: an MCP4822 channel on a chip select of spi0, which must be in use and not the ADC's. */
    private static AmplitudeControl dac(DacForm dac, String where, Set<PiBus> buses, Map<String, String> dacOwner,
                                        List<String> problems) {
        if (!DAC_PART.equals(dac.part())) {
            problems.add(where + ": dac part '" + dac.part() + "'; the rig drives an " + DAC_PART);
        }
        if (!buses.contains(PiBus.SPI0)) {
            problems.add(where + ": the DAC sits on spi0; add \"spi0\" to busesInUse so no line takes its pins");
        }
        if (dac.chipSelect() != 0 && dac.chipSelect() != 1) {
            problems.add(where + ": dac chipSelect " + dac.chipSelect() + "; spi0 has chip selects 0 and 1");
        }
        int channel = "A".equals(dac.channel()) ? 0 : "B".equals(dac.channel()) ? 1 : -1;
        if (channel < 0) {
            problems.add(where + ": dac channel '" + dac.channel() + "'; the " + DAC_PART + " has channels A and B");
        } else if (dacOwner.putIfAbsent(dac.chipSelect() + "/" + channel, dac.line()) != null) {
            problems.add(where + ": dac channel " + dac.channel() + " on chip select " + dac.chipSelect()
                    + " is used twice (also by " + dacOwner.get(dac.chipSelect() + "/" + channel) + ")");
        }
        int gain = dac.gain() == null ? DEFAULT_DAC_GAIN : dac.gain();
        if (gain != 1 && gain != 2) {
            problems.add(where + ": dac gain " + gain + "; the " + DAC_PART + " has gains 1 and 2");
        }
        return new AmplitudeControl.Dac(dac.chipSelect(), Math.max(0, channel), gain);
    }

    private static AmplitudeControl pwm(PwmForm pwm, String where, Set<PiBus> buses, Map<Integer, String> gpioOwner,
                                        Map<Integer, String> channelOwner, List<String> problems) {
        claimGpio(pwm.gpio(), pwm.line(), buses, gpioOwner, problems);
        if (!PWM_BCM.contains(pwm.gpio())) {
            problems.add(where + ": gpio " + pwm.gpio() + " has no hardware PWM; use one of "
                    + PWM_BCM.stream().sorted().toList());
        }
        if (pwm.channel() < 0 || pwm.channel() > MAX_PWM_CHANNEL) {
            problems.add(where + ": unknown PWM channel " + pwm.channel() + "; channels are 0 to " + MAX_PWM_CHANNEL);
        } else if (channelOwner.putIfAbsent(pwm.channel(), pwm.line()) != null) {
            problems.add(where + ": PWM channel " + pwm.channel() + " is used twice (also by "
                    + channelOwner.get(pwm.channel()) + ")");
        }
        if (pwm.frequencyHz() < 1) {
            problems.add(where + ": PWM frequency " + pwm.frequencyHz() + " Hz; must be above 0");
        }
        return new AmplitudeControl.Pwm(pwm.channel(), pwm.gpio(), pwm.frequencyHz());
    }

    private static Optional<Calibration> calibration(CalibrationForm form, boolean dac, String where,
                                                     List<String> problems) {
        int steps = dac ? AmplitudeControl.Dac.STEPS : AmplitudeControl.Pwm.STEPS;
        String perStepName = dac ? "maPerCode" : "maPerDutyPercent";
        Double perStep = dac ? form.maPerCode() : form.maPerDutyPercent();
        Double otherPerStep = dac ? form.maPerDutyPercent() : form.maPerCode();
        if (otherPerStep != null) {
            problems.add(where + ": calibration " + (dac ? "maPerDutyPercent is for a pwm source; a dac source takes"
                    + " maPerCode" : "maPerCode is for a dac source; a pwm source takes maPerDutyPercent"));
            return Optional.empty();
        }
        boolean linear = perStep != null;
        boolean table = form.points() != null;
        if (linear == table) {
            problems.add(where + ": calibration needs exactly one of " + perStepName + " or points");
            return Optional.empty();
        }
        if (linear) {
            if (!(perStep > 0) || Double.isInfinite(perStep)) {
                problems.add(where + ": calibration " + perStep + " mA per " + (dac ? "code" : "duty %")
                        + "; must be above 0");
                return Optional.empty();
            }
            return Optional.of(Calibration.linear(perStep, steps));
        }
        List<double[]> points = form.points();
        boolean ok = points.size() >= 2 && points.stream().allMatch(p -> p != null && p.length == 2)
                && points.get(0)[0] == 0 && points.get(0)[1] == 0 && points.get(points.size() - 1)[0] == steps;
        for (int i = 1; ok && i < points.size(); i++) {
            ok = points.get(i)[0] > points.get(i - 1)[0] && points.get(i)[1] >= points.get(i - 1)[1]
                    && Double.isFinite(points.get(i)[1]);
        }
        if (!ok) {
            String unit = dac ? "code" : "duty %";
            problems.add(where + ": calibration points must be [" + unit + ", mA] pairs from [0, 0] to [" + steps
                    + ", max], " + unit + " rising, current never falling");
            return Optional.empty();
        }
        return Optional.of(Calibration.fromPoints(points, steps));
    }

    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
        String path = "";
        if (e instanceof JsonMappingException m) {
            StringBuilder b = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getIndex() >= 0) {
                    b.append('[').append(r.getIndex()).append(']');
                } else if (r.getFieldName() != null) {
                    b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
                }
            }
            path = b.isEmpty() ? "" : b + ": ";
        }
        String problem;
        if (e instanceof UnrecognizedPropertyException u) {
            problem = "unknown field '" + u.getPropertyName() + "'; expected one of "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
        } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            problem = v.getCause().getMessage();
        } else {
            String message = e.getOriginalMessage();
            int newline = message == null ? -1 : message.indexOf('\n');
            problem = message == null ? "not a pin map" : newline < 0 ? message : message.substring(0, newline);
            if (problem.startsWith("Missing required creator property")) {
                problem = "missing required field " + problem.substring(problem.indexOf('\''), problem.lastIndexOf('\'') + 1);
            }
        }
        return where + path + problem;
    }
}
