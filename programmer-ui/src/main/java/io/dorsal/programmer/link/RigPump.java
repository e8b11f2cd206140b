package io.dorsal.programmer.link;

import io.dorsal.infusion.file.PrescriptionCodec;
import io.dorsal.infusion.file.PrescriptionFileException;
import io.dorsal.infusion.firmware.PumpAlarm;
import io.dorsal.infusion.firmware.PumpStatus;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.refill.RefillCheck;
import io.dorsal.link.client.LinkClient;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.wire.Messages;
import io.dorsal.link.wire.Messages.Command;
import io.dorsal.programmer.pump.PumpDevice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The drug pump a rig serves ({@code stimctl serve --pump}), over the authenticated link: every command is the rig's
 * pump command (the same roles and audit as {@code stimctl remote pump-*}), the prescription validated and a refill's
 * draw-back checked on the rig, whose refusal comes back in words. Its own connection, separate from the stimulator
 * link's. Its time is the rig's wall clock: it cannot be advanced.
 */
public final class RigPump implements PumpDevice {

    private final LinkClient client;
    private final String address;
    private Messages.PumpState last;

    private RigPump(LinkClient client, String address) {
        this.client = client;
        this.address = address;
    }

    /** Connects and reads the pump once; refused when the rig serves no pump. */
    public static RigPump connect(String host, int port, Identity identity) throws IOException {
        LinkClient client = LinkClient.connect(host, port, identity);
        RigPump pump = new RigPump(client, host + ":" + port);
        try {
            Messages.Response r = client.send(new Command.Pump.Status());
            if (!r.ok() || r.pump() == null || r.pump().prescriptionFile() == null) {
                throw new IOException("the rig at " + pump.address + " serves no filled drug pump (start it with"
                        + " stimctl serve --pump PRESCRIPTION)" + (r.problems().isEmpty() ? "" : ": " + r.problems()));
            }
            pump.last = r.pump();
        } catch (IOException e) {
            client.close();
            throw e;
        }
        return pump;
    }

    private Messages.Response send(Command command) {
        try {
            Messages.Response r = client.send(command);
            if (r.pump() != null) {
                last = r.pump();
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("the rig at " + address + " did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return last.drug() + " " + last.concentration() + " in the pump the rig at " + address
                + " serves; its time is the rig's";
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public Prescription prescription() {
        try {
            return PrescriptionCodec.read(last.prescriptionFile());
        } catch (PrescriptionFileException e) {
            throw new IllegalStateException("the rig sent a prescription that does not read: " + e.describe(), e);
        }
    }

    /** The rig's pump state as the firmware's status (its alarms by name; its time unknown here: 0). */
    @Override
    public PumpStatus status() {
        send(new Command.Pump.Status());
        Set<PumpAlarm> alarms = EnumSet.noneOf(PumpAlarm.class);
        for (String a : last.alarms()) {
            for (PumpAlarm alarm : PumpAlarm.values()) {
                if (a.startsWith(alarm.priority().name() + " " + alarm.name() + ":")) {
                    alarms.add(alarm);
                }
            }
        }
        return new PumpStatus(0, last.reservoirMl() * 1_000.0, last.deliveredMl() * 1_000.0, 0,
                last.rateMlPerDay() * 1_000.0, last.batteryPercent() / 100.0, alarms, last.delivering(),
                last.suspended(), false);
    }

    @Override
    public Optional<String> reprogram(Prescription prescription) {
        return refusal(send(new Command.Pump.Program(PrescriptionCodec.write(prescription))));
    }

    @Override
    public Optional<String> refill(Prescription prescription, double drawnMl) {
        return refusal(send(new Command.Pump.Refill(PrescriptionCodec.write(prescription), drawnMl)));
    }

    @Override
    public BolusAnswer bolus() {
        Messages.Response r = send(new Command.Pump.Bolus());
        return r.ok() ? new BolusAnswer(true, "Bolus given by the rig's pump.")
                : new BolusAnswer(false, "Bolus refused: " + String.join("; ", r.problems()) + ".");
    }

    @Override
    public void suspend() {
        send(new Command.Pump.Suspend());
    }

    @Override
    public void resume() {
        send(new Command.Pump.Resume());
    }

    @Override
    public String interrogationReport(Optional<RefillCheck> lastRefill) {
        send(new Command.Pump.Status());
        StringBuilder out = new StringBuilder("Dorsal drug pump on the rig at " + address + ": interrogation\n");
        out.append(String.format(Locale.ROOT, "drug                 %s %s%n", last.drug(), last.concentration()));
        out.append(String.format(Locale.ROOT, "reservoir            %.3f mL%n", last.reservoirMl()));
        out.append(String.format(Locale.ROOT, "delivered since fill %.3f mL%n", last.deliveredMl()));
        out.append(String.format(Locale.ROOT, "rate now             %.3f mL/day%n", last.rateMlPerDay()));
        out.append(String.format(Locale.ROOT, "battery              %.0f %%%n", last.batteryPercent()));
        out.append("state                ").append(last.suspended() ? "SUSPENDED" : last.delivering() ? "delivering"
                : "NOT delivering").append('\n');
        out.append("alarms               ").append(last.alarms().isEmpty() ? "none" : String.join("; ", last.alarms()))
                .append('\n');
        lastRefill.ifPresent(c -> out.append("last refill check    ").append(c.message()).append('\n'));
        return out.toString();
    }

    @Override
    public void advanceHours(double hours) {
        // the rig's pump runs on its wall clock
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static Optional<String> refusal(Messages.Response r) {
        return r.ok() ? Optional.empty() : Optional.of(String.join("; ", r.problems()));
    }
}
