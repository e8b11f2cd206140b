package io.dorsal.core.simulation;

import static io.dorsal.core.schedule.TimelineFixtures.lead;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.program;
import static io.dorsal.core.schedule.TimelineFixtures.readExample;
import static io.dorsal.core.schedule.TimelineFixtures.simulateCsv;
import static io.dorsal.core.schedule.TimelineFixtures.therapy;
import static io.dorsal.core.schedule.TimelineFixtures.us;
import static io.dorsal.core.schedule.TimelineFixtures.validated;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.safety.ValidatedTherapy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden timelines: the first rows of the simulation's CSV for a few programs, each worked out by hand from the
 * physics in the comment above it. Rows are {@code start_us,duration_us,program,phase,contact,current_ua}, one per
 * contact in the program's contact order.
 */
class GoldenTimelineTest {

    private static final String HEADER = "start_us,duration_us,program,phase,contact,current_ua\n";

    /*
     * Tonic 50 Hz, 300 us, 4.0 mA, active symmetric recharge after a 20 us gap; cathode L1.2 -100 %, anodes L1.1 and
     * L1.3 +50 % each.
     *   period   = 1e6 us / 50 Hz = 20000 us
     *   stim     = [0, 300) us:       L1.2 = -100 % x 4000 uA = -4000 uA, L1.1 = L1.3 = +50 % x 4000 uA = +2000 uA
     *   recharge = [300 + 20, +300):  starts 320 us, same currents with the sign reversed (ratio 1)
     * A 40 ms window holds the periods starting at 0 and 20000 us.
     */
    @Test
    void tonicFiftyHertzWithActiveRechargeMatchesTheHandWorkedRows() {
        ValidatedTherapy tonic = validated(therapy(program("tonic").contact("L1.2", -100).contact("L1.1", 50)
                .contact("L1.3", 50).amplitudeMa(4.0).pulseWidthUs(300).tonic(50).active(20).build()));

        String csv = simulateCsv(tonic, ms(40));

        assertThat(csv).isEqualTo(HEADER + """
                0,300,tonic,stim,L1.2,-4000
                0,300,tonic,stim,L1.1,2000
                0,300,tonic,stim,L1.3,2000
                320,300,tonic,recharge,L1.2,4000
                320,300,tonic,recharge,L1.1,-2000
                320,300,tonic,recharge,L1.3,-2000
                20000,300,tonic,stim,L1.2,-4000
                20000,300,tonic,stim,L1.1,2000
                20000,300,tonic,stim,L1.3,2000
                20320,300,tonic,recharge,L1.2,4000
                20320,300,tonic,recharge,L1.1,-2000
                20320,300,tonic,recharge,L1.3,-2000
                """);
    }

    /*
     * examples/burst.json (BurstDR): 40 Hz bursts of 5 pulses at 500 Hz, 1000 us, 0.8 mA, L1.5 -100 %, L1.6 +100 %,
     * passive recharge over the rest of the burst period.
     *   burst period = 1e6 / 40 = 25000 us; pulse spacing = 1e6 / 500 = 2000 us
     *   stims at 0, 2000, 4000, 6000, 8000 us, 1000 us each: L1.5 = -800 uA, L1.6 = +800 uA
     *   last pulse ends at 8000 + 1000 = 9000 us; recharge window = 25000 - 9000 = 16000 us
     *   burst charge = 5 x 800 uA x 1000 us = 4,000,000 pC; recharge current = 4,000,000 / 16000 = 250 uA,
     *   so L1.5 = +250 uA and L1.6 = -250 uA from 9000 us for 16000 us
     * A 50 ms window holds the bursts starting at 0 and 25000 us.
     */
    @Test
    void burstExampleMatchesTheHandWorkedRows() {
        ValidatedTherapy burst = validated(readExample("burst.json"));

        String csv = simulateCsv(burst, ms(50));

        StringBuilder expected = new StringBuilder(HEADER);
        for (int burstStartUs : new int[] {0, 25000}) {
            for (int pulse = 0; pulse < 5; pulse++) {
                int startUs = burstStartUs + pulse * 2000;
                expected.append(startUs).append(",1000,burst,stim,L1.5,-800\n");
                expected.append(startUs).append(",1000,burst,stim,L1.6,800\n");
            }
            expected.append(burstStartUs + 9000).append(",16000,burst,recharge,L1.5,250\n");
            expected.append(burstStartUs + 9000).append(",16000,burst,recharge,L1.6,-250\n");
        }
        assertThat(csv).isEqualTo(expected.toString());
        assertThat(csv.lines().skip(1).limit(12)).containsExactly(
                "0,1000,burst,stim,L1.5,-800", "0,1000,burst,stim,L1.6,800",
                "2000,1000,burst,stim,L1.5,-800", "2000,1000,burst,stim,L1.6,800",
                "4000,1000,burst,stim,L1.5,-800", "4000,1000,burst,stim,L1.6,800",
                "6000,1000,burst,stim,L1.5,-800", "6000,1000,burst,stim,L1.6,800",
                "8000,1000,burst,stim,L1.5,-800", "8000,1000,burst,stim,L1.6,800",
                "9000,16000,burst,recharge,L1.5,250", "9000,16000,burst,recharge,L1.6,-250");
    }

    /*
     * 10 kHz therapy: 30 us at 3.0 mA, active symmetric recharge after a 20 us gap, L1.4 -100 %, L1.5 +100 %.
     *   period = 1e6 / 10000 = 100 us; stim [0, 30) us; recharge [30 + 20, +30) = [50, 80) us; 20 us idle
     *   currents: L1.4 = -3000 uA, L1.5 = +3000 uA, reversed in the recharge
     * A 300 us window holds the periods starting at 0, 100 and 200 us.
     */
    @Test
    void tenKilohertzHighFrequencyMatchesTheHandWorkedRows() {
        ValidatedTherapy hf = validated(therapy(program("hf10k").contact("L1.4", -100).contact("L1.5", 100)
                .amplitudeMa(3.0).pulseWidthUs(30).highFrequency(10_000).active(20).build()));

        String csv = simulateCsv(hf, us(300));

        assertThat(csv).isEqualTo(HEADER + """
                0,30,hf10k,stim,L1.4,-3000
                0,30,hf10k,stim,L1.5,3000
                50,30,hf10k,recharge,L1.4,3000
                50,30,hf10k,recharge,L1.5,-3000
                100,30,hf10k,stim,L1.4,-3000
                100,30,hf10k,stim,L1.5,3000
                150,30,hf10k,recharge,L1.4,3000
                150,30,hf10k,recharge,L1.5,-3000
                200,30,hf10k,stim,L1.4,-3000
                200,30,hf10k,stim,L1.5,3000
                250,30,hf10k,recharge,L1.4,3000
                250,30,hf10k,recharge,L1.5,-3000
                """);
    }

    /*
     * 1 kHz, 30 us, 3.0 mA with a 700 us passive window (the flat writer, without the electrode model):
     *   recharge current = 3000 uA x 30 us / 700 us = 128.571428... uA, written to three decimals: 128.571
     */
    @Test
    void passiveRechargeCurrentIsWrittenToThreeDecimals() {
        ValidatedTherapy hf = validated(therapy(program("hf1k").contact("L1.4", -100).contact("L1.5", 100)
                .amplitudeMa(3.0).pulseWidthUs(30).highFrequency(1_000).passive(700).build()));

        String csv = simulateCsv(hf, us(100));

        assertThat(csv).isEqualTo(HEADER + """
                0,30,hf1k,stim,L1.4,-3000
                0,30,hf1k,stim,L1.5,3000
                30,700,hf1k,recharge,L1.4,128.571
                30,700,hf1k,recharge,L1.5,-128.571
                """);
    }

    /*
     * Two programs interleaved, no ramp:
     *   a: tonic 100 Hz, 200 us, 2.0 mA, active gap 20 (ratio 1), L1.0 -100 %, L1.1 +100 %
     *      period 10000 us; stim [0, 200), recharge [220, 420)
     *   b: 1 kHz high frequency, 50 us, 1.0 mA, active gap 0 ratio 2, L1.8 -100 %, L1.9 +100 %
     *      period 1000 us; stim [0, 50) at -1000/+1000 uA; recharge [50, 150): half the current (500 uA) for twice
     *      as long (100 us), so 1000 uA x 50 us = 500 uA x 100 us
     *   a sits at offset 0. b repeats every 1000 us and a every 10000 us, so b meets a at every shift modulo
     *   gcd(10000, 1000) = 1000 us. a is busy over [0, 420) of that; with the 10 us quiet gap b's stim cannot start
     *   before 420 + 10 = 430 us (b's 50 us stim cannot fit between a's stim and recharge, 20 us apart), and b then
     *   ends at 430 + 150 = 580 us, 10 us + 410 us clear of a's next start at 1000. So b's offset is 430 us.
     * A 2 ms window: a at 0 and 220; b at 430, 480, 1430, 1480.
     */
    @Test
    void twoInterleavedProgramsMatchTheHandWorkedRows() {
        ValidatedTherapy pair = validated(therapy(List.of(lead("L1", 16, 6.0)),
                program("a").contact("L1.0", -100).contact("L1.1", 100).amplitudeMa(2.0).pulseWidthUs(200)
                        .tonic(100).active(20).build(),
                program("b").contact("L1.8", -100).contact("L1.9", 100).amplitudeMa(1.0).pulseWidthUs(50)
                        .highFrequency(1000).active(0, 2).build()));

        String csv = simulateCsv(pair, ms(2));

        assertThat(csv).isEqualTo(HEADER + """
                0,200,a,stim,L1.0,-2000
                0,200,a,stim,L1.1,2000
                220,200,a,recharge,L1.0,2000
                220,200,a,recharge,L1.1,-2000
                430,50,b,stim,L1.8,-1000
                430,50,b,stim,L1.9,1000
                480,100,b,recharge,L1.8,500
                480,100,b,recharge,L1.9,-500
                1430,50,b,stim,L1.8,-1000
                1430,50,b,stim,L1.9,1000
                1480,100,b,recharge,L1.8,500
                1480,100,b,recharge,L1.9,-500
                """);
    }

    /*
     * examples/two-programs.json:
     *   low-back: 50 Hz (20000 us), 300 us, gap 20: stim [0, 300), recharge [320, 620); 4.0 mA with a 2 s ramp:
     *     2 s to 4000 uA is 2 uA per ms in whole 100 uA steps, so the first step (100 uA) comes at 50 ms; the
     *     periods at 0 and 20 ms (40 uA) still drive 0 uA
     *   left-leg: 100 Hz (10000 us), 200 us, default gap 20: stim [0, 200), recharge [220, 420); 2.5 mA, L2.4 -100 %,
     *     CASE +100 %: -2500 / +2500 uA, reversed in the recharge
     *   offset of left-leg: gcd(20000, 10000) = 10000; low-back is busy over [0, 620) of it, so with the 10 us gap
     *     left-leg starts at 620 + 10 = 630 us (its 200 us stim cannot fit in low-back's 20 us interphase gap), and
     *     ends at 630 + 420 = 1050 us, far before 10000.
     * A 25 ms window: low-back at 0, 320, 20000, 20320; left-leg at 630, 850, 10630, 10850, 20630, 20850.
     */
    @Test
    void twoProgramsExampleInterleavesLeftLegAfterLowBackAndRampsLowBackFromZero() {
        ValidatedTherapy example = validated(readExample("two-programs.json"));

        String csv = simulateCsv(example, ms(25));

        String lowBackAtZero = """
                %1$d,300,low-back,stim,L1.2,0
                %1$d,300,low-back,stim,L1.1,0
                %1$d,300,low-back,stim,L1.3,0
                %2$d,300,low-back,recharge,L1.2,0
                %2$d,300,low-back,recharge,L1.1,0
                %2$d,300,low-back,recharge,L1.3,0
                """;
        String leftLeg = """
                %1$d,200,left-leg,stim,L2.4,-2500
                %1$d,200,left-leg,stim,CASE,2500
                %2$d,200,left-leg,recharge,L2.4,2500
                %2$d,200,left-leg,recharge,CASE,-2500
                """;
        assertThat(csv).isEqualTo(HEADER
                + lowBackAtZero.formatted(0, 320)
                + leftLeg.formatted(630, 850)
                + leftLeg.formatted(10630, 10850)
                + lowBackAtZero.formatted(20000, 20320)
                + leftLeg.formatted(20630, 20850));
    }
}
