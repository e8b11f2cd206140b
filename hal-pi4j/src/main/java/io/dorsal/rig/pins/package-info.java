/** The rig's pin map: which GPIO and PWM lines drive the front end, their safe levels, and the sources' calibration. */
package io.dorsal.rig.pins;
