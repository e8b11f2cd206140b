package io.dorsal.clinic.trend;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/** A contact whose impedance changed in a way that needs a look, at the check that showed it. */
public record ImpedanceFlag(String contact, Instant at, Kind kind, double fromOhm, double toOhm) {

    /** What changed, and what it commonly means. */
    public enum Kind {
        JUMP("jump", "lead fracture or migration (up), fluid or a short (down)"),
        DRIFT("drift", "lead migration or tissue changes; compare the programs' effect"),
        OPEN("open circuit", "lead fracture or a loose connection"),
        SHORT("short circuit", "insulation breach or contacts touching");

        private final String words;
        private final String causes;

        Kind(String words, String causes) {
            this.words = words;
            this.causes = causes;
        }

        public String words() {
            return words;
        }

        public String causes() {
            return causes;
        }
    }

    public ImpedanceFlag {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
    }

    /** The change in percent of the earlier value. */
    public double changePercent() {
        return fromOhm == 0 ? 0 : 100.0 * (toOhm - fromOhm) / fromOhm;
    }

    /** {@code contact L1.5: jump, 860 -> 1480 ohm (+72%) on 2026-11-20; look for ...}: the check's day (UTC). */
    public String message() {
        return String.format(Locale.ROOT, "contact %s: %s, %.0f -> %.0f ohm (%+.0f%%) on %s; look for %s", contact,
                kind.words(), fromOhm, toOhm, changePercent(), LocalDate.ofInstant(at, ZoneOffset.UTC),
                kind.causes());
    }
}
