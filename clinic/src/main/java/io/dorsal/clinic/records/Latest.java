package io.dorsal.clinic.records;

import io.dorsal.clinic.ClinicRecord;
import io.dorsal.clinic.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The current state of append-only rows: the newest row of each key, in the order the keys first appeared. */
final class Latest {

    private Latest() {
    }

    static <R extends ClinicRecord> List<R> of(List<Entry<R>> rows, Function<R, String> key) {
        Map<String, R> newest = new LinkedHashMap<>();
        for (Entry<R> row : rows) {
            newest.put(key.apply(row.record()), row.record());
        }
        return new ArrayList<>(newest.values());
    }
}
