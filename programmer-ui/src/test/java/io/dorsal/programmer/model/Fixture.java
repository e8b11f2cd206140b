package io.dorsal.programmer.model;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.programmer.link.EmbeddedLink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A session over a manual embedded generator on a virtual clock, answers handled at once: no thread, no sleep. */
public final class Fixture {

    public final VirtualClock clock = new VirtualClock(0);
    public final EmbeddedLink link = EmbeddedLink.manual(clock);
    public final Therapy therapy = example();
    public final Session session;

    public Fixture() {
        this(true);
    }

    public Fixture(boolean start) {
        link.apply(therapy, "test").join();
        if (start) {
            link.start("test").join();
        }
        session = new Session(link, Runnable::run, Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC),
                "dr-test", therapy);
    }

    public ProgrammerModel programmer() {
        return session.programmer();
    }

    /** Advances the generator's clock and lets it emit what is due. */
    public void run(long ns) {
        long end = clock.nanoTime() + ns;
        while (clock.nanoTime() < end) {
            clock.advanceNs(Math.min(EmbeddedLink.POLL_PERIOD_NS, end - clock.nanoTime()));
            link.pump();
        }
    }

    public static Therapy example() {
        try (InputStream in = Fixture.class.getResourceAsStream("/io/dorsal/programmer/two-programs.json")) {
            return ProgramCodec.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ProgramFileException e) {
            throw new IllegalStateException(e.describe(), e);
        }
    }
}
