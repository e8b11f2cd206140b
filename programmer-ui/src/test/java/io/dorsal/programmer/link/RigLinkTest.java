package io.dorsal.programmer.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.generator.GeneratorStatus;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.link.audit.AuditLog;
import io.dorsal.link.client.LinkClient;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Pairing;
import io.dorsal.link.identity.Role;
import io.dorsal.link.server.LinkServer;
import io.dorsal.link.server.ServerSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The programmer's link to a rig, against a real link server on loopback. */
class RigLinkTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path dir;

    private final SimulatedOutputStage outputs = new SimulatedOutputStage();
    private final PulseGenerator generator = new PulseGenerator(new VirtualClock(0), outputs);
    private AuditLog audit;
    private LinkServer server;
    private RigLink link;

    @BeforeEach
    void serveAndConnect() throws Exception {
        Identity rig = Identity.openOrCreate(dir.resolve("rig"), "bench-rig", Role.RIG);
        audit = AuditLog.open(dir.resolve("audit.log"), System::currentTimeMillis);
        generator.apply(ProgramCodec.read(EXAMPLES.resolve("two-programs.json")), "setup");
        generator.start("setup");
        server = new LinkServer(rig, generator, audit, ServerSettings.DEFAULTS, System::currentTimeMillis);
        int port = server.start(InetAddress.getLoopbackAddress(), 0);
        Identity programmer = Identity.openOrCreate(dir.resolve("programmer"), "dr-ada", Role.CLINICIAN);
        LinkClient.pair("127.0.0.1", port, programmer, Pairing.open(rig, Role.CLINICIAN, System.currentTimeMillis()).code());
        link = new RigLink("127.0.0.1", port, programmer);
    }

    @AfterEach
    void close() throws Exception {
        link.close();
        server.close();
        audit.close();
    }

    @Test
    void showsTheRigsActualStateAndTherapy() throws Exception {
        GeneratorStatus status = link.status().get();

        assertThat(link.description()).contains("dr-ada", "clinician");
        assertThat(status.mode()).isEqualTo(generator.status().mode());
        assertThat(status.therapy()).hasValueSatisfying(t -> assertThat(t.therapy())
                .isEqualTo(generator.therapy().orElseThrow().therapy()));
        assertThat(status.batteryFraction()).isEqualTo(generator.status().batteryFraction());
    }

    @Test
    void programSetsTravelToTheRigAndThePatientViewsSwitchComesBackInTheRigsAnswer() throws Exception {
        var sets = ProgramCodec.readSets(EXAMPLES.resolve("program-sets.json"));

        ApplyResult sent = link.applySets(sets, "ignored").get();
        var held = link.programSets().get();
        ApplyResult night = link.selectSet("night", "ignored").get();
        ApplyResult trial = link.selectSet("trial", "ignored").get();

        assertThat(sent.applied()).as(sent.toString()).isTrue();
        assertThat(held).hasValueSatisfying(h -> {
            assertThat(h.sets()).isEqualTo(sets.sets());
            assertThat(h.activeSet()).isEqualTo("day");
        });
        assertThat(night.applied()).isTrue();
        assertThat(generator.programSets().orElseThrow().activeSet()).isEqualTo("night");
        // selecting is the patient's switch: only among the sets the clinician allowed (a clinician sends a file
        // with another active set instead)
        assertThat(trial).isInstanceOfSatisfying(ApplyResult.Rejected.class, r -> assertThat(r.violations())
                .singleElement().satisfies(v -> assertThat(v.rule()).isEqualTo(SafetyRule.PROGRAM_SETS)));
        assertThat(link.programSets().get()).hasValueSatisfying(h -> assertThat(h.activeSet()).isEqualTo("night"));
    }

    @Test
    void anUnsafeTherapyIsRefusedWithTheRigsViolationsFieldByField() throws Exception {
        Therapy current = generator.therapy().orElseThrow().therapy();
        Therapy unsafe = current.withProgram(current.program("low-back").orElseThrow().withAmplitudeMa(7.0));

        ApplyResult result = link.apply(unsafe, "ignored").get();

        assertThat(result).isInstanceOfSatisfying(ApplyResult.Rejected.class, r -> assertThat(r.violations())
                .anySatisfy(v -> {
                    assertThat(v.rule()).isEqualTo(SafetyRule.CHARGE_DENSITY);
                    assertThat(v.field()).isEqualTo("contact L1.2");
                }));
        assertThat(generator.therapy().orElseThrow().therapy()).isEqualTo(current);
    }

    @Test
    void appliesASafeChangeOnTheRig() throws Exception {
        Therapy burst = ProgramCodec.read(EXAMPLES.resolve("burst.json"));

        ApplyResult result = link.apply(burst, "ignored").get();

        assertThat(result.applied()).isTrue();
        assertThat(generator.therapy().orElseThrow().therapy()).isEqualTo(burst);
    }

    @Test
    void runsTheImpedanceCheckOnTheRig() throws Exception {
        ImpedanceReport report = link.checkImpedance("ignored").get();

        assertThat(report.contacts()).hasSize(17);
        assertThat(report.flagged()).isEmpty();
    }

    @Test
    void stopAllReachesTheRigAndDrivesItsOutputsSafe() throws Exception {
        link.stopAll("ignored").get();

        assertThat(generator.status().mode()).isEqualTo(GeneratorMode.OFF);
        assertThat(outputs.isSafe()).isTrue();
        assertThat(link.events().get()).anySatisfy(e -> assertThat(e.who()).isEqualTo("dr-ada"));
    }
}
