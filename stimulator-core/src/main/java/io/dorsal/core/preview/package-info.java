/**
 * Waveform previews for programmers: a validated therapy sampled by the real scheduler over a chosen window,
 * per contact, and reduced to what a screen of a given width can show.
 */
package io.dorsal.core.preview;
