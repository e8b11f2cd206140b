package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.GeneratorEvent;
import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.generator.GeneratorStatus;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.programmer.link.EmbeddedLink;
import io.dorsal.programmer.link.StimulatorLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The header's polling over a slow link, and a switch of links while an answer is on its way. */
class GeneratorModelTest {

    /** A link whose status answers only when the test says so. */
    private static final class SlowLink implements StimulatorLink {

        final List<CompletableFuture<GeneratorStatus>> asked = new ArrayList<>();

        @Override
        public String description() {
            return "Slow rig";
        }

        @Override
        public String address() {
            return "10.0.0.9:7450";
        }

        @Override
        public CompletableFuture<GeneratorStatus> status() {
            CompletableFuture<GeneratorStatus> answer = new CompletableFuture<>();
            asked.add(answer);
            return answer;
        }

        @Override
        public CompletableFuture<ApplyResult> apply(Therapy therapy, String who) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<ApplyResult> start(String who) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<Void> stop(String who) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<Void> stopAll(String who) {
            return CompletableFuture.failedFuture(new UncheckedIOException(new ConnectException("Connection refused")));
        }

        @Override
        public CompletableFuture<Void> clearFault(String who) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<ApplyResult> patientAdjust(String program, double deltaMa, String who) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<ImpedanceReport> checkImpedance(String who) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<List<GeneratorEvent>> events() {
            return new CompletableFuture<>();
        }

        @Override
        public void close() {
        }
    }

    private final Fixture f = new Fixture();
    private final GeneratorModel generator = f.session.generator();
    private final SlowLink slow = new SlowLink();
    private final EmbeddedLink other = EmbeddedLink.manual(new VirtualClock(0));

    @Test
    void asksASlowLinkOnceUntilItAnswers() {
        generator.switchTo(slow, f.link.status().join());

        generator.refresh();
        generator.refresh();
        generator.refresh();
        assertThat(slow.asked).hasSize(1);

        slow.asked.get(0).complete(other.status().join());
        generator.refresh();
        assertThat(slow.asked).hasSize(2);
        assertThat(generator.programsProperty().get()).isEqualTo("none");
    }

    @Test
    void anAnswerFromTheLinkNoLongerInUseIsNotShown() {
        generator.switchTo(slow, f.link.status().join());
        generator.refresh();

        generator.switchTo(f.link, f.link.status().join());
        slow.asked.get(0).complete(other.status().join());

        assertThat(generator.programsProperty().get()).isEqualTo("low-back, left-leg");
        assertThat(generator.descriptionProperty().get()).isEqualTo(f.link.description());
    }

    @Test
    void aFailedStatusIsSaidAndClearsWhenTheLinkAnswersAgain() {
        generator.switchTo(slow, f.link.status().join());

        generator.refresh();
        slow.asked.get(0).completeExceptionally(new UncheckedIOException(new IOException("Connection reset")));

        assertThat(generator.linkProblemProperty().get()).isEqualTo("The link to 10.0.0.9:7450 failed: Connection "
                + "reset. What it runs is not known here until it answers again.");
        assertThat(generator.programsProperty().get()).isEqualTo("low-back, left-leg");

        generator.refresh();
        slow.asked.get(1).complete(f.link.status().join());
        assertThat(generator.linkProblemProperty().get()).isEmpty();
    }

    @Test
    void aStopAllThatDoesNotReachTheStimulatorIsShownLoudly() {
        generator.switchTo(slow, f.link.status().join());

        generator.stopAll();

        assertThat(f.programmer().notices().errorProperty().get()).isEqualTo("STOP ALL DID NOT REACH THE STIMULATOR: Nothing "
                + "accepts connections at 10.0.0.9:7450 (connection refused): check that stimctl serve runs there, on "
                + "that port.");
        assertThat(f.session.log().entries()).anySatisfy(e -> assertThat(e.action()).isEqualTo("STOP ALL failed"));
        assertThat(generator.mode()).isNotEqualTo(GeneratorMode.OFF);
    }

    @Test
    void pollsAtThePaceOfTheLink() {
        assertThat(f.link.statusPeriodMs()).isEqualTo(250);
        assertThat(io.dorsal.programmer.link.RigLink.STATUS_PERIOD_MS).isEqualTo(1000);
    }
}
