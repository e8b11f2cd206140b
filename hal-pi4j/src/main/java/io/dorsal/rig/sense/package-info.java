/**
 * Measuring what the rig drives: the MCP3008 ADC on SPI0 reading each source's current and the path voltage, and the
 * probe pulses that the self-test and the impedance measurement are made of.
 */
package io.dorsal.rig.sense;
