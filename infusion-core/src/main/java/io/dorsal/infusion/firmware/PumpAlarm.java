package io.dorsal.infusion.firmware;

/** The pump's alarms, each with its priority and whether delivery stops while it is active. */
public enum PumpAlarm {
    LOW_RESERVOIR("alarm_low_reservoir", AlarmPriority.NON_CRITICAL, false, "reservoir at or below the low-reservoir volume: book a refill"),
    EMPTY_RESERVOIR("alarm_empty", AlarmPriority.CRITICAL, true, "reservoir empty: delivery stopped; withdrawal risk"),
    ELECTIVE_REPLACEMENT("alarm_eri", AlarmPriority.NON_CRITICAL, false, "elective replacement indicator: replace the pump within 90 days"),
    END_OF_SERVICE("alarm_end_of_service", AlarmPriority.CRITICAL, true, "end of service: battery exhausted, delivery stopped"),
    MOTOR_STALL("alarm_motor_stall", AlarmPriority.CRITICAL, true, "motor stall: delivery stopped; withdrawal risk"),
    MEMORY_ERROR("alarm_memory_error", AlarmPriority.CRITICAL, true, "memory error: delivery stopped; reprogram the pump"),
    MRI_CHECK("alarm_mri_check", AlarmPriority.ADVISORY, false, "after an MRI scan: interrogate to confirm delivery resumed");

    private final String eventName;
    private final AlarmPriority priority;
    private final boolean stopsDelivery;
    private final String meaning;

    PumpAlarm(String eventName, AlarmPriority priority, boolean stopsDelivery, String meaning) {
        this.eventName = eventName;
        this.priority = priority;
        this.stopsDelivery = stopsDelivery;
        this.meaning = meaning;
    }

    /** The name in the event log and CSV: {@code alarm_low_reservoir}. */
    public String eventName() {
        return eventName;
    }

    public AlarmPriority priority() {
        return priority;
    }

    /** Whether delivery stops while the alarm is active. */
    public boolean stopsDelivery() {
        return stopsDelivery;
    }

    /** What it means, in words. */
    public String meaning() {
        return meaning;
    }
}
