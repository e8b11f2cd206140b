/** The closed-loop workspace's view-model: the selected program's ECAP growth curve, the loop's target and recording contacts, and open against closed loop on a posture day (issue 15, item 4). */
package io.dorsal.programmer.ecap;
