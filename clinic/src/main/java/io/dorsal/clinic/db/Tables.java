package io.dorsal.clinic.db;

import io.dorsal.clinic.AppliedTherapy;
import io.dorsal.clinic.BatteryReading;
import io.dorsal.clinic.ClinicRecord;
import io.dorsal.clinic.Device;
import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.ImpedanceReading;
import io.dorsal.clinic.Interrogation;
import io.dorsal.clinic.Lead;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.PumpRefill;
import io.dorsal.clinic.SessionLog;
import io.dorsal.clinic.Trial;
import java.util.List;

/** Every record type's table, as the migrations create them. */
final class Tables {

    static final List<RecordTable<?>> ALL = List.of(
            new RecordTable<>("patients", Patient.class),
            new RecordTable<>("devices", Device.class),
            new RecordTable<>("leads", Lead.class),
            new RecordTable<>("therapies", AppliedTherapy.class),
            new RecordTable<>("impedance_readings", ImpedanceReading.class),
            new RecordTable<>("battery_readings", BatteryReading.class),
            new RecordTable<>("pump_refills", PumpRefill.class),
            new RecordTable<>("interrogations", Interrogation.class),
            new RecordTable<>("session_logs", SessionLog.class),
            new RecordTable<>("trials", Trial.class),
            new RecordTable<>("trial_diary", DiaryEntry.class));

    private Tables() {
    }

    @SuppressWarnings("unchecked")
    static <R extends ClinicRecord> RecordTable<R> of(Class<R> type) {
        for (RecordTable<?> table : ALL) {
            if (table.type() == type) {
                return (RecordTable<R>) table;
            }
        }
        throw new IllegalArgumentException("no table for " + type);
    }

    @SuppressWarnings("unchecked")
    static <R extends ClinicRecord> RecordTable<R> ofRecord(R record) {
        return (RecordTable<R>) of(record.getClass());
    }
}
