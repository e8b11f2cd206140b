package io.dorsal.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.file.PrescriptionCodec;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.link.client.LinkClient;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Role;
import io.dorsal.link.server.ServerSettings;
import io.dorsal.link.wire.Messages;
import io.dorsal.link.wire.Messages.Command.Pump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rig serving a drug pump over the link (issue 13, item 5): the same authentication, roles and audit as the
 * stimulator's. A patient reads the pump and requests boluses, never changes a prescription; a clinician programs,
 * refills, suspends and resumes it; every prescription goes through the pump's validator and a refusal changes
 * nothing. The pump runs on a virtual clock, so lockouts are crossed without waiting.
 */
class PumpLinkTest {

    private static final long MIN_NS = 60_000_000_000L;

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(0);
    private final PumpFirmware pump = new PumpFirmware(clock);
    private LinkFixture rig;
    private Identity clinician;
    private Identity patient;

    @BeforeEach
    void start() throws Exception {
        pump.fill(PrescriptionCodec.read(LinkFixture.EXAMPLES.resolve("pump-morphine.json")));
        rig = new LinkFixture(dir, new ServerSettings(8, 3_600_000L, 3_000, 50), pump);
        clinician = rig.paired("dr-ada", Role.CLINICIAN);
        patient = rig.paired("pat-remote", Role.PATIENT);
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    private List<String> auditLines() throws Exception {
        return Files.readAllLines(rig.audit.file());
    }

    @Test
    void everyAnswerCarriesThePumpsStateAndAStatusReadChangesNothing() throws Exception {
        try (LinkClient c = rig.connect(patient)) {
            Messages.Response answer = c.send(new Pump.Status());

            assertThat(answer.ok()).isTrue();
            assertThat(answer.pump().drug()).isEqualTo("morphine");
            assertThat(answer.pump().concentration()).isEqualTo("10 mg/mL");
            assertThat(answer.pump().reservoirMl()).isEqualTo(20.0);
            assertThat(answer.pump().rateMlPerDay()).isEqualTo(0.3, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(answer.pump().delivering()).isTrue();
            // the stimulator's answers carry it too
            assertThat(c.send(new Messages.Command.Status()).pump().drug()).isEqualTo("morphine");
        }
        assertThat(auditLines()).noneSatisfy(l -> assertThat(l).contains("pumpStatus"));
    }

    @Test
    void aPatientGetsABolusThenIsRefusedInsideTheLockoutAndGetsTheNextAfterIt() throws Exception {
        try (LinkClient c = rig.connect(patient)) {
            Messages.Response first = c.send(new Pump.Bolus());
            assertThat(first.ok()).as(String.valueOf(first.problems())).isTrue();

            clock.advanceNs(119 * MIN_NS);
            Messages.Response early = c.send(new Pump.Bolus());
            assertThat(early.ok()).isFalse();
            assertThat(early.problems()).singleElement().asString()
                    .contains("inside the lockout of 120 min", "next allowed in 1 min", "rule: patient bolus");

            clock.advanceNs(MIN_NS);
            assertThat(c.send(new Pump.Bolus()).ok()).isTrue();
        }
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).contains("pat-remote", "PATIENT", "pumpBolus",
                "inside the lockout"));
    }

    @Test
    void aPatientMayNotProgramRefillSuspendOrResumeAndNothingChanges() throws Exception {
        String before = PrescriptionCodec.write(pump.prescription());
        try (LinkClient c = rig.connect(patient)) {
            for (Messages.Command command : List.of(new Pump.Program(LinkFixture.example("pump-baclofen-flexible.json")),
                    new Pump.Refill(LinkFixture.example("pump-morphine.json"), 20.0), new Pump.Suspend(),
                    new Pump.Resume())) {
                Messages.Response answer = c.send(command);

                assertThat(answer.ok()).as(command.typeName()).isFalse();
                assertThat(answer.problems()).singleElement().asString()
                        .contains("may only read the pump and request a bolus", "rule: role");
                assertThat(answer.pump().delivering()).isTrue();
            }
        }
        assertThat(PrescriptionCodec.write(pump.prescription())).isEqualTo(before);
    }

    @Test
    void aClinicianReprogramsThroughTheValidatorAndAnUnsafePrescriptionChangesNothing() throws Exception {
        String unsafe = LinkFixture.example("pump-morphine.json").replace("\"dosePerDay\": 3", "\"dosePerDay\": 30");
        try (LinkClient c = rig.connect(clinician)) {
            Messages.Response refused = c.send(new Pump.Program(unsafe));

            assertThat(refused.ok()).isFalse();
            assertThat(refused.problems()).anySatisfy(p -> assertThat(p).contains("rule: daily dose"));
            assertThat(refused.details()).isNotEmpty();
            assertThat(refused.pump().rateMlPerDay()).isEqualTo(0.3, org.assertj.core.api.Assertions.within(1e-9));

            String lower = LinkFixture.example("pump-morphine.json").replace("\"dosePerDay\": 3", "\"dosePerDay\": 2");
            Messages.Response applied = c.send(new Pump.Program(lower));
            assertThat(applied.ok()).as(String.valueOf(applied.problems())).isTrue();
            assertThat(applied.pump().rateMlPerDay()).isEqualTo(0.2, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(applied.pump().reservoirMl()).as("a reprogram keeps the reservoir").isEqualTo(20.0);
        }
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).contains("dr-ada", "pumpProgram", "refused", "daily dose"))
                .anySatisfy(l -> assertThat(l).contains("dr-ada", "pumpProgram", "applied"));
    }

    @Test
    void aRefillWhoseDrawBackDisagreesIsRefusedAndOneThatAgreesFillsThePump() throws Exception {
        clock.advanceNs(10L * 24 * 60 * MIN_NS);
        try (LinkClient c = rig.connect(clinician)) {
            double expectedMl = c.send(new Pump.Status()).pump().reservoirMl();
            assertThat(expectedMl).isEqualTo(17.0, org.assertj.core.api.Assertions.within(0.01));

            Messages.Response tooLittle = c.send(new Pump.Refill(LinkFixture.example("pump-morphine.json"), 12.0));
            assertThat(tooLittle.ok()).isFalse();
            assertThat(tooLittle.problems()).singleElement().asString()
                    .contains("less returned than expected", "look before refilling", "rule: refill discrepancy");
            assertThat(tooLittle.pump().reservoirMl()).isEqualTo(expectedMl);

            Messages.Response agrees = c.send(new Pump.Refill(LinkFixture.example("pump-morphine.json"), 16.9));
            assertThat(agrees.ok()).as(String.valueOf(agrees.problems())).isTrue();
            assertThat(agrees.pump().reservoirMl()).isEqualTo(20.0);
        }
    }

    @Test
    void aClinicianSuspendsAndResumesDelivery() throws Exception {
        try (LinkClient c = rig.connect(clinician)) {
            Messages.Response suspended = c.send(new Pump.Suspend());
            assertThat(suspended.pump().suspended()).isTrue();
            assertThat(suspended.pump().delivering()).isFalse();
            try (LinkClient p = rig.connect(patient)) {
                assertThat(p.send(new Pump.Bolus()).problems()).singleElement().asString()
                        .contains("not delivering");
            }
            Messages.Response resumed = c.send(new Pump.Resume());
            assertThat(resumed.pump().delivering()).isTrue();
        }
    }

    @Test
    void aRigThatServesNoPumpSaysSo() throws Exception {
        rig.close();
        Files.createDirectories(dir.resolve("no-pump"));
        rig = new LinkFixture(dir.resolve("no-pump"), new ServerSettings(8, 3_600_000L, 3_000, 50));
        Identity who = rig.paired("dr-bo", Role.CLINICIAN);
        try (LinkClient c = rig.connect(who)) {
            Messages.Response answer = c.send(new Pump.Status());

            assertThat(answer.ok()).isFalse();
            assertThat(answer.problems()).singleElement().asString().contains("this rig serves no drug pump");
            assertThat(answer.pump()).isNull();
        }
    }
}
