package io.dorsal.rig.pins;

import java.util.Objects;

/**
 * The rig's trigger input: an edge on this GPIO starts a train (with {@code rig run --trigger}), as a Pulse Pal's or a
 * Stimjim's trigger channel does.
 *
 * @param name the input's name in traces
 * @param bcm  the Broadcom GPIO number
 * @param edge which edge starts a train; the input's pull holds it at the other level when nothing drives it
 */
public record TriggerInput(String name, int bcm, Edge edge) {

    /** The edge that starts a train. */
    public enum Edge {
        /** Low to high; the input is pulled down. */
        RISING,
        /** High to low; the input is pulled up. */
        FALLING;

        /** The level the input goes to on this edge. */
        public int activeLevel() {
            return this == RISING ? 1 : 0;
        }
    }

    public TriggerInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(edge, "edge");
    }
}
