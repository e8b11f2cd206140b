package io.dorsal.infusion.firmware;

/** How urgent an alarm is; the order is the order of urgency. */
public enum AlarmPriority {
    /** Delivery has stopped or will stop: risk of withdrawal. */
    CRITICAL,
    /** Needs a visit soon: a refill or a replacement to book. */
    NON_CRITICAL,
    /** Needs a check: interrogate the pump. */
    ADVISORY
}
