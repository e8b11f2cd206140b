package io.dorsal.core.simulation;

import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.program;
import static io.dorsal.core.schedule.TimelineFixtures.therapy;
import static io.dorsal.core.schedule.TimelineFixtures.us;
import static io.dorsal.core.schedule.TimelineFixtures.validated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.schedule.PulseScheduler;
import io.dorsal.core.schedule.PulseTable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.junit.jupiter.api.Test;

class PhaseCsvWriterTest {

    /* 100 Hz, 200 us, 1.5 mA, active gap 20: stim [0, 200), recharge [220, 420); L1.0 -100 %, L1.1 +100 %. */
    private final ValidatedTherapy tonic = validated(therapy(program("t").contact("L1.0", -100).contact("L1.1", 100)
            .amplitudeMa(1.5).pulseWidthUs(200).tonic(100).active(20).build()));

    @Test
    void writesTheHeaderAtOnceEvenWhenNoPhaseFollows() {
        StringWriter out = new StringWriter();

        PhaseCsvWriter csv = new PhaseCsvWriter(out, 0);

        assertThat(out).hasToString("start_us,duration_us,program,phase,contact,current_ua\n");
        assertThat(csv.rows()).isZero();
        assertThat(PhaseCsvWriter.HEADER).isEqualTo("start_us,duration_us,program,phase,contact,current_ua");
    }

    @Test
    void writesOneRowPerContactWithTimesRelativeToItsOrigin() {
        long originNs = ms(7);
        PulseScheduler scheduler = new PulseScheduler(PulseTable.compile(tonic), originNs);
        StringWriter out = new StringWriter();
        PhaseCsvWriter csv = new PhaseCsvWriter(out, originNs);

        scheduler.poll(originNs + us(220), csv, Integer.MAX_VALUE);

        assertThat(out.toString().lines().skip(1)).containsExactly(
                "0,200,t,stim,L1.0,-1500",
                "0,200,t,stim,L1.1,1500",
                "220,200,t,recharge,L1.0,1500",
                "220,200,t,recharge,L1.1,-1500");
        assertThat(csv.rows()).isEqualTo(4);
    }

    @Test
    void turnsAWriteFailureIntoAnUncheckedIoException() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> new PhaseCsvWriter(broken, 0))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("disk full");
    }
}
