package io.dorsal.clinic;

/** Whether a device is in use; an explanted or ended trial device keeps its history. */
public enum DeviceStatus {
    ACTIVE,
    REMOVED
}
