/**
 * The programmer's look: the light and dark themes (AtlantaFX's Primer), the colours the canvases draw with in each,
 * touch-sized controls, and the setting that remembers them.
 */
package io.dorsal.programmer.theme;
