package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.therapy.ContactId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FractionsTest {

    private static ContactId c(String name) {
        return ContactId.parse(name);
    }

    private static Map<ContactId, Integer> map(Object... pairs) {
        Map<ContactId, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(c((String) pairs[i]), (Integer) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void aClickCyclesOffCathodeAnodeOff() {
        Map<ContactId, Integer> start = map("L1.1", 100, "L1.2", -100);

        Map<ContactId, Integer> cathode = Fractions.cycle(start, c("L1.4"));
        Map<ContactId, Integer> anode = Fractions.cycle(cathode, c("L1.4"));
        Map<ContactId, Integer> off = Fractions.cycle(anode, c("L1.4"));

        assertThat(cathode).containsEntry(c("L1.4"), -50).containsEntry(c("L1.2"), -50).containsEntry(c("L1.1"), 100);
        assertThat(anode).containsEntry(c("L1.4"), 50).containsEntry(c("L1.1"), 50).containsEntry(c("L1.2"), -100);
        assertThat(off).isEqualTo(start);
    }

    @Test
    void theCanIsNeverACathode() {
        Map<ContactId, Integer> anode = Fractions.cycle(map("L1.2", -100), ContactId.CASE);

        assertThat(anode).containsEntry(ContactId.CASE, 100);
        assertThat(Fractions.cycle(anode, ContactId.CASE)).doesNotContainKey(ContactId.CASE);
    }

    @Test
    void aContactLeavingItsPolarityGivesItsShareBackInProportion() {
        Map<ContactId, Integer> next = Fractions.setPolarity(map("L1.1", -60, "L1.2", -30, "L1.3", -10, "L1.5", 100),
                c("L1.1"), Fractions.Polarity.OFF);

        assertThat(next).containsEntry(c("L1.2"), -75).containsEntry(c("L1.3"), -25);
    }

    @Test
    void threeCathodesShareAHundredInWholePercents() {
        Map<ContactId, Integer> m = Fractions.cycle(Fractions.cycle(map("L1.1", -100, "L1.0", 100), c("L1.2")), c("L1.3"));

        assertThat(Fractions.sum(m, Fractions.Polarity.CATHODE)).isEqualTo(-100);
        assertThat(m.get(c("L1.1"))).isEqualTo(-34);
    }

    @Test
    void steeringMovesTenPercentAtATimeAlongTheLead() {
        Map<ContactId, Integer> m = map("L1.2", -100, "L1.0", 100);

        Fractions.Change first = Fractions.steer(m, "L1", 8, +1, Set.of());
        assertThat(first.refusal()).isEmpty();
        assertThat(first.electrodes()).containsEntry(c("L1.2"), -90).containsEntry(c("L1.3"), -10);

        Map<ContactId, Integer> step = first.electrodes();
        for (int i = 0; i < 9; i++) {
            step = Fractions.steer(step, "L1", 8, +1, Set.of()).electrodes();
        }
        assertThat(step).containsEntry(c("L1.3"), -100).doesNotContainKey(c("L1.2"));
    }

    @Test
    void steeringStopsAtAnAnodeAFlaggedContactAndTheEndOfTheLead() {
        assertThat(Fractions.steer(map("L1.2", -100, "L1.3", 100), "L1", 8, +1, Set.of()).refusal())
                .contains("L1.3 is an anode: steering stops there");
        assertThat(Fractions.steer(map("L1.2", -100, "CASE", 100), "L1", 8, +1, Set.of(c("L1.3"))).refusal())
                .contains("L1.3 is flagged by the impedance check");
        assertThat(Fractions.steer(map("L1.7", -100, "CASE", 100), "L1", 8, +1, Set.of()).refusal())
                .contains("the cathode is at the end of L1");
        assertThat(Fractions.steer(map("L2.1", -100, "CASE", 100), "L1", 8, +1, Set.of()).refusal())
                .contains("no cathode on L1 to steer");
    }

    /** Every start contact 1 to 6, 0 to 40 steps, either way: all 492 cases (all of them, as before). */
    static Stream<Arguments> steeringWalks() {
        return IntStream.rangeClosed(1, 6).boxed().flatMap(start -> IntStream.rangeClosed(0, 40).boxed()
                .flatMap(steps -> Stream.of(true, false).map(up -> Arguments.of(start, steps, up))));
    }

    @ParameterizedTest(name = "from L1.{0}, {1} steps, up {2}")
    @MethodSource("steeringWalks")
    void steeringKeepsTheCathodesAtAHundredPercent(int start, int steps, boolean up) {
        Map<ContactId, Integer> m = map("L1." + start, -100, "CASE", 100);
        for (int i = 0; i < steps; i++) {
            Fractions.Change change = Fractions.steer(m, "L1", 8, up ? 1 : -1, Set.of());
            m = change.electrodes();
        }
        assertThat(Fractions.sum(m, Fractions.Polarity.CATHODE)).isEqualTo(-100);
        assertThat(Fractions.sum(m, Fractions.Polarity.ANODE)).isEqualTo(100);
    }
}
