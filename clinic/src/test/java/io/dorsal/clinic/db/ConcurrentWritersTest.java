package io.dorsal.clinic.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.clinic.Change;
import io.dorsal.clinic.Entry;
import io.dorsal.clinic.Patient;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two programmers writing to the same records at once: every record lands, once, on one unbroken chain. */
class ConcurrentWritersTest {

    private static final int RECORDS_EACH = 60;

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void twoWritersLoseNothingAndKeepTheChain(String kind) throws Exception {
        ClinicLocation location = TestDatabases.location(kind, folder);
        try (ClinicDatabase first = ClinicDatabase.open(location, () -> 1_790_000_000_000L);
                ClinicDatabase second = ClinicDatabase.open(location, () -> 1_790_000_000_500L)) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<List<Long>> a = pool.submit(() -> write(first, "programmer-a", start));
                Future<List<Long>> b = pool.submit(() -> write(second, "programmer-b", start));
                start.countDown();
                List<Long> seqs = new ArrayList<>(a.get(2, TimeUnit.MINUTES));
                seqs.addAll(b.get(2, TimeUnit.MINUTES));
                assertThat(seqs).doesNotHaveDuplicates().hasSize(2 * RECORDS_EACH);
            } finally {
                pool.shutdownNow();
            }
            List<Entry<Patient>> all = first.all(Patient.class);
            assertThat(all).hasSize(2 * RECORDS_EACH);
            assertThat(all.stream().filter(e -> e.actor().equals("programmer-a"))).hasSize(RECORDS_EACH);
            assertThat(all.stream().filter(e -> e.actor().equals("programmer-b"))).hasSize(RECORDS_EACH);
            ChainCheck check = second.verify();
            assertThat(check.intact()).as(check.problem()).isTrue();
            assertThat(check.entries()).isEqualTo(2 * RECORDS_EACH);
        }
    }

    private static List<Long> write(ClinicDatabase records, String actor, CountDownLatch start) throws Exception {
        start.await();
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < RECORDS_EACH; i++) {
            seqs.add(records.append(new Change(actor, "registered"), new Patient(actor + "-" + i, "MRN-" + i,
                    "Family", "Given", LocalDate.of(1970, 1, 1))).seq());
        }
        return seqs;
    }
}
