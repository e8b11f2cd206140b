/** Building the Pi4J context explicitly: the mock platform for tests and PCs, the Raspberry Pi's plugins on the rig. */
package io.dorsal.rig.platform;
