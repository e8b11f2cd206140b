package io.dorsal.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.link.client.LinkClient;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Role;
import io.dorsal.link.wire.Messages;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Bad frames generated at random from a paired clinician (the most trusted peer, so nothing stops them before the
 * parser): the rig never crashes, never changes therapy, and keeps serving others.
 */
class LinkFuzzProperties {

    private static Path dir;
    private static LinkFixture rig;
    private static Identity clinician;
    private static String therapy;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("dorsal-link-fuzz");
        rig = new LinkFixture(dir);
        clinician = rig.paired("fuzzer", Role.CLINICIAN);
        therapy = rig.therapy();
    }

    @AfterContainer
    static void stop() throws Exception {
        rig.close();
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(2_000);
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.-+eEtruefalsn \\abcdqsxyz")
                .ofMaxLength(400).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> nearlyRequests = Arbitraries.of(
                "{\"sessionId\":\"%s\",\"seq\":1,\"command\":{\"type\":\"apply\"}}",
                "{\"sessionId\":\"%s\",\"seq\":1,\"command\":{\"type\":\"apply\",\"programFile\":\"{]\"}}",
                "{\"sessionId\":\"%s\",\"seq\":-1,\"command\":{\"type\":\"stop\"}}",
                "{\"sessionId\":\"%s\",\"seq\":1,\"command\":{\"type\":\"amplitude\",\"program\":\"low-back\",\"deltaMa\":1e308}}",
                "{\"sessionId\":\"%s\",\"seq\":1,\"command\":{\"type\":\"amplitude\",\"program\":\"low-back\",\"deltaMa\":\"NaN\"}}",
                "{\"sessionId\":\"%s\",\"seq\":1,\"command\":{\"type\":\"frobnicate\"}}",
                "{\"sessionId\":\"%s\",\"seq\":1,\"command\":null}",
                "{\"sessionId\":\"%s\",\"seq\":9223372036854775807,\"command\":{\"type\":\"stopAll\"}}")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(bytes, jsonish, nearlyRequests);
    }

    @Property(tries = 60)
    void badFramesNeverCrashTheRigNorChangeTherapy(@ForAll("garbage") byte[] frame, @ForAll boolean unframed)
            throws IOException {
        try (RawLink raw = RawLink.open(rig, clinician)) {
            byte[] body = new String(frame, StandardCharsets.ISO_8859_1)
                    .replace("%s", raw.hello().sessionId()).getBytes(StandardCharsets.ISO_8859_1);
            DataOutputStream out = new DataOutputStream(raw.socket().getOutputStream());
            if (!unframed) {
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
