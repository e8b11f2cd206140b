package io.dorsal.link;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.link.audit.AuditLog;
import io.dorsal.link.client.LinkClient;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Pairing;
import io.dorsal.link.identity.Role;
import io.dorsal.link.server.LinkServer;
import io.dorsal.link.server.ServerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** A rig serving its link on loopback, with identities for a clinician and a patient, all in a temp folder. */
final class LinkFixture implements AutoCloseable {

    static final Path EXAMPLES = Path.of("..", "examples");

    final AtomicLong nowMs = new AtomicLong(1_700_000_000_000L);
    final Path dir;
    final Identity rig;
    final PulseGenerator generator = new PulseGenerator(new VirtualClock(0), new SimulatedOutputStage());
    final AuditLog audit;
    final LinkServer server;
    final int port;

    LinkFixture(Path dir, ServerSettings settings) throws Exception {
        this(dir, settings, null);
    }

    /** A rig that also serves {@code pump} (null: none). */
    LinkFixture(Path dir, ServerSettings settings, PumpFirmware pump) throws Exception {
        this.dir = dir;
        rig = Identity.openOrCreate(dir.resolve("rig"), "bench-rig", Role.RIG);
        audit = AuditLog.open(dir.resolve("audit.log"), nowMs::get);
        generator.apply(ProgramCodec.read(EXAMPLES.resolve("two-programs.json")), "setup");
        generator.start("setup");
        server = new LinkServer(rig, generator, audit, settings, nowMs::get, pump);
        port = server.start(InetAddress.getLoopbackAddress(), 0);
    }

    LinkFixture(Path dir) throws Exception {
        this(dir, new ServerSettings(8, 3_600_000L, 3_000, 50));
    }

    Identity identity(String name, Role role) throws IOException {
        return Identity.openOrCreate(dir.resolve(name), name, role);
    }

    /** A side paired with the rig in a role. */
    Identity paired(String name, Role role) throws IOException {
        Identity side = identity(name, role);
        Pairing.Ticket ticket = Pairing.open(rig, role, nowMs.get());
        LinkClient.pair("127.0.0.1", port, side, ticket.code());
        return side;
    }

    LinkClient connect(Identity side) throws IOException {
        return LinkClient.connect("127.0.0.1", port, side);
    }

    /** The therapy the generator holds, as a program file: what "unchanged" is checked against. */
    String therapy() {
        return generator.therapy().map(t -> ProgramCodec.write(t.therapy())).orElse("none");
    }

    static String example(String name) throws IOException {
        return Files.readString(EXAMPLES.resolve(name));
    }

    @Override
    public void close() throws IOException {
        server.close();
        audit.close();
    }
}
