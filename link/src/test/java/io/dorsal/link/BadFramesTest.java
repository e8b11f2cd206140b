package io.dorsal.link;

import static io.dorsal.testing.Generators.bytes;
import static io.dorsal.testing.Generators.oneOf;
import static io.dorsal.testing.Generators.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.link.client.LinkClient;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Role;
import io.dorsal.link.wire.Messages;
import io.dorsal.testing.Cases;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad frames generated at random from a paired clinician (the most trusted peer, so nothing stops them before the
 * parser): the rig never crashes, never changes therapy, and keeps serving others.
 */
class BadFramesTest {

    private static Path dir;
    private static LinkFixture rig;
    private static Identity clinician;
    private static String therapy;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("dorsal-link-fuzz");
        rig = new LinkFixture(dir);
        clinician = rig.paired("fuzzer", Role.CLINICIAN);
        therapy = rig.therapy();
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    private static final List<String> NEARLY_REQUESTS = List.of(
            "{\"sessionId\":\"%s\",\"seq\":1,\"command\":{\"type\":\"apply\"}}",
            "{\"sessionId\":\"%s\",\"seq\":1,\"command\":{\"type\":\"apply\",\"programFile\":\"{]\"}}",
            "{\"sessionId\":\"%s\",\"seq\":-1,\"command\":{\"type\":\"stop\"}}",
            "{\"sessionId\":\"%s\",\"seq\":1,\"command\":{\"type\":\"amplitude\",\"program\":\"low-back\",\"deltaMa\":1e308}}",
            "{\"sessionId\":\"%s\",\"seq\":1,\"command\":{\"type\":\"amplitude\",\"program\":\"low-back\",\"deltaMa\":\"NaN\"}}",
            "{\"sessionId\":\"%s\",\"seq\":1,\"command\":{\"type\":\"frobnicate\"}}",
            "{\"sessionId\":\"%s\",\"seq\":1,\"command\":null}",
            "{\"sessionId\":\"%s\",\"seq\":9223372036854775807,\"command\":{\"type\":\"stopAll\"}}");

    /** A frame body, and whether it goes without its length prefix. */
    record BadFrame(byte[] body, boolean unframed) {

        static BadFrame draw(RandomGenerator random) {
            byte[] body = switch (random.nextInt(3)) {
                case 0 -> bytes(random, 0, 2_000);
                case 1 -> string(random, "{}[]\":,0123456789.-+eEtruefalsn \\abcdqsxyz", 0, 400)
                        .getBytes(StandardCharsets.UTF_8);
                default -> oneOf(random, NEARLY_REQUESTS).getBytes(StandardCharsets.UTF_8);
            };
            return new BadFrame(body, random.nextBoolean());
        }

        @Override
        public String toString() {
            return (unframed ? "unframed " : "framed ") + body.length + " bytes " + HexFormat.of().formatHex(body);
        }
    }

    /** 60 frames (as before: each opens a TLS session to the rig). */
    @TestFactory
    Stream<DynamicTest> badFramesNeverCrashTheRigNorChangeTherapy() {
        return Cases.of(BadFrame::draw).count(60).check(BadFramesTest::neverCrashesTheRigNorChangesTherapy);
    }

    private static void neverCrashesTheRigNorChangesTherapy(BadFrame frame) throws IOException {
        try (RawLink raw = RawLink.open(rig, clinician)) {
            byte[] body = new String(frame.body(), StandardCharsets.ISO_8859_1)
                    .replace("%s", raw.hello().sessionId()).getBytes(StandardCharsets.ISO_8859_1);
            DataOutputStream out = new DataOutputStream(raw.socket().getOutputStream());
            if (!frame.unframed()) {
                out.writeInt(body.length);
            }
            out.write(body);
            out.flush();
            raw.socket().shutdownOutput();
            try {
                raw.response();
            } catch (IOException e) {
                // the rig may drop the connection without an answer
            }
        } catch (IOException e) {
            // the rig may close before the frame is written
        }

        assertThat(rig.therapy()).isEqualTo(therapy);
        try (LinkClient other = rig.connect(clinician)) {
            Messages.Response status = other.send(new Messages.Command.Status());
            assertThat(status.ok()).isTrue();
            assertThat(status.state().programFile()).isEqualTo(therapy);
        }
    }
}
