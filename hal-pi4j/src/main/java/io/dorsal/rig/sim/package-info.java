/**
 * The rig's front end simulated on Pi4J's mock platform: a resistor and a coupling capacitor per contact behind the
 * mock switches and sources, and an MCP3008 whose readings follow what was driven. For tests and {@code --mock} runs.
 */
package io.dorsal.rig.sim;
