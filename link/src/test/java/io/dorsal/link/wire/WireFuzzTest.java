package io.dorsal.link.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Coverage-guided fuzzing of what a peer sends (docs/testing.md): whatever bytes arrive, the frame reader gives
 * frames of at most {@link Frames#MAX_FRAME_BYTES} or one problem, and each frame decodes into a whole message of
 * every kind either side reads, or one problem; never another exception, a hang or an exhausted heap. A message
 * that decodes encodes back to itself. In a plain {@code mvn verify} this replays the committed corpus in
 * {@code WireFuzzTestInputs}; {@code scripts/fuzz} fuzzes it for a chosen time.
 */
class WireFuzzTest {

    private static final List<Class<?>> READ_BY_A_RIG_OR_A_CLIENT = List.of(Messages.Request.class,
            Messages.PairRequest.class, Messages.Hello.class, Messages.Response.class, Messages.PairResponse.class);

    @DictionaryFile(resourcePath = "/io/dorsal/link/wire/wire.dict")
    @FuzzTest
    void readsAnyStreamIntoWholeMessagesOrOneProblem(byte[] stream) throws IOException {
        InputStream in = new ByteArrayInputStream(stream);
        while (true) {
            byte[] frame;
            try {
                frame = Frames.read(in);
            } catch (FrameException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
                return;
            }
            if (frame == null) {
                return;
            }
            assertThat(frame.length).isLessThanOrEqualTo(Frames.MAX_FRAME_BYTES);
            for (Class<?> type : READ_BY_A_RIG_OR_A_CLIENT) {
                decodesWholeOrRefuses(frame, type);
            }
        }
    }

    private static void decodesWholeOrRefuses(byte[] frame, Class<?> type) throws FrameException {
        Object message;
        try {
            message = Messages.decode(frame, type);
        } catch (FrameException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return;
        }
        assertThat(message).isNotNull();
        if (message instanceof Messages.Request request) {
            assertThat(request.sessionId()).as("a request's session").isNotNull();
            assertThat(request.command()).as("a request's command").isNotNull();
            if (request.command() instanceof Messages.Command.Apply apply) {
                assertThat(apply.programFile()).as("the program file of an apply").isNotNull();
            }
            if (request.command() instanceof Messages.Command.Amplitude amplitude) {
                assertThat(amplitude.program()).as("the program of an amplitude step").isNotNull();
            }
        }
        if (message instanceof Messages.PairRequest pair) {
            assertThat(pair.name()).as("a pairing request's name").isNotNull();
            assertThat(pair.proof()).as("a pairing request's proof").isNotNull();
        }
        assertThat(Messages.decode(Messages.encode(message), type)).isEqualTo(message);
    }
}
