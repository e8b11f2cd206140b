package io.dorsal.programmer.model;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.output.OutputStage;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.link.audit.AuditLog;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Pairing;
import io.dorsal.link.identity.Role;
import io.dorsal.link.server.LinkServer;
import io.dorsal.link.server.ServerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A rig on loopback, as RigLinkTest stands one up: a generator on a virtual clock (it changes only when a
 * command arrives) holding examples/rig-tonic.json, running, served by a real {@link LinkServer}. Its output
 * stage, like a real rig's, refuses what it cannot render: here any amplitude over {@link #SOURCE_MAX_MA}, a
 * limit the programmer's own validator does not know, so that only the rig can refuse it.
 */
public final class RigFixture implements AutoCloseable {

    public static final Path EXAMPLES = Path.of("..", "examples");
    /** The most this rig's current sources give. */
    public static final double SOURCE_MAX_MA = 3.5;

    public final SimulatedOutputStage outputs = new SimulatedOutputStage();
    public final PulseGenerator generator = new PulseGenerator(new VirtualClock(0), new LimitedStage(outputs));
    public final Identity rig;
    public final Therapy therapy;
    public final int port;
    private final AuditLog audit;
    private final LinkServer server;

    public RigFixture(Path dir) throws Exception {
        rig = Identity.openOrCreate(dir.resolve("rig"), "bench-rig", Role.RIG);
        audit = AuditLog.open(dir.resolve("audit.log"), System::currentTimeMillis);
        therapy = ProgramCodec.read(EXAMPLES.resolve("rig-tonic.json"));
        if (!generator.apply(therapy, "setup").applied()) {
            throw new IllegalStateException("rig-tonic.json does not apply");
        }
        generator.start("setup");
        server = new LinkServer(rig, generator, audit, ServerSettings.DEFAULTS, System::currentTimeMillis);
        port = server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** What {@code stimctl pair --role clinician} shows. */
    public String openPairing() throws IOException {
        return Pairing.open(rig, Role.CLINICIAN, System.currentTimeMillis()).code();
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The therapy the rig's generator holds now. */
    public Therapy held() {
        return generator.therapy().orElseThrow().therapy();
    }

    /** A simulated stage whose sources give at most {@link #SOURCE_MAX_MA}. */
    private record LimitedStage(SimulatedOutputStage stage) implements OutputStage {

        @Override
        public List<Violation> cannotRender(ValidatedTherapy therapy) {
            return therapy.therapy().programs().stream().filter(p -> p.amplitudeMa() > SOURCE_MAX_MA)
                    .map((Program p) -> new Violation(p.name(), "amplitude", Figures.format(p.amplitudeMa()) + " mA",
                            "at most " + Figures.format(SOURCE_MAX_MA) + " mA from this rig's current sources",
                            SafetyRule.OUTPUT_STAGE)).toList();
        }

        @Override
        public void arm(PulseTable table) {
            stage.arm(table);
        }

        @Override
        public void onPhase(PhaseEvent event) {
            stage.onPhase(event);
        }

        @Override
        public void safe() {
            stage.safe();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        audit.close();
    }
}
