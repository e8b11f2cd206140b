package io.dorsal.core.therapy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a program file says: the leads, the programs that run together, and the device limits.
 *
 * @param leads    the implanted leads
 * @param programs the programs, all running together interleaved in time
 * @param limits   the device limits the programs are held to
 */
public record Therapy(List<Lead> leads, List<Program> programs, DeviceLimits limits) {

    public Therapy {
        leads = List.copyOf(leads);
        programs = List.copyOf(programs);
        Objects.requireNonNull(limits, "limits");
    }

    public Optional<Lead> lead(String name) {
        return leads.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public Optional<Program> program(String name) {
        return programs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The same therapy with one program replaced (matched by name). */
    public Therapy withProgram(Program replacement) {
        return new Therapy(leads, programs.stream()
                .map(p -> p.name().equals(replacement.name()) ? replacement : p).toList(), limits);
    }
}
