package io.dorsal.core.therapy;

/**
 * Cycling: the program stimulates for {@code onS}, rests for {@code offS}, and repeats.
 *
 * @param onS  seconds on
 * @param offS seconds off
 */
public record Cycle(int onS, int offS) {
}
