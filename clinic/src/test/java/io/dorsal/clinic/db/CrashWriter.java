package io.dorsal.clinic.db;

import io.dorsal.clinic.Change;
import io.dorsal.clinic.Patient;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The programmer that {@link CrashTest} kills: appends records to the file named by its argument for ever,
 * printing each one's sequence number once it is committed.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        try (ClinicDatabase records = ClinicDatabase.open(new ClinicLocation.SqliteFile(Path.of(args[0])),
                System::currentTimeMillis)) {
            for (int i = 0; ; i++) {
                long seq = records.append(new Change("programmer", "registered"), new Patient("p-" + i, "MRN-" + i,
                        "Family" + i, "Given", LocalDate.of(1970, 1, 1))).seq();
                System.out.println("committed " + seq);
                System.out.flush();
            }
        }
    }
}
