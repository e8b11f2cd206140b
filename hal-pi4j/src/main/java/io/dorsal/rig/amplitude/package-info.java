/**
 * Setting a current source's amplitude: one small interface with a PWM (through a filter) and an SPI DAC
 * (MCP4822) implementation, so the output stage writes a setting without knowing which part sets it.
 */
package io.dorsal.rig.amplitude;
