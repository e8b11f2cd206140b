package io.dorsal.programmer.model;

import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The therapy a clinician is editing: the leads, every program of the session (enabled or not) and the
 * device limits. Immutable: every edit makes a new draft, so that undo keeps the one before.
 *
 * @param leads    the implanted leads
 * @param slots    the session's programs in order, each enabled or not
 * @param limits   the device limits
 */
public record Draft(List<Lead> leads, List<Slot> slots, DeviceLimits limits) {

    public Draft {
        leads = List.copyOf(leads);
        slots = List.copyOf(slots);
        Objects.requireNonNull(limits, "limits");
    }

    /** Every program enabled, as a file or the generator states it. */
    public static Draft of(Therapy therapy) {
        return new Draft(therapy.leads(), therapy.programs().stream().map(p -> new Slot(p, true)).toList(),
                therapy.limits());
    }

    /** What Apply sends: the enabled programs. */
    public Therapy therapy() {
        return new Therapy(leads, slots.stream().filter(Slot::enabled).map(Slot::program).toList(), limits);
    }

    /** One program alone on these leads: how a disabled program is checked. */
    public Therapy alone(int index) {
        return new Therapy(leads, List.of(program(index)), limits);
    }

    public Program program(int index) {
        return slots.get(index).program();
    }

    public int size() {
        return slots.size();
    }

    public Draft withProgram(int index, Program program) {
        List<Slot> next = new ArrayList<>(slots);
        next.set(index, new Slot(program, slots.get(index).enabled()));
        return new Draft(leads, next, limits);
    }

    public Draft withEnabled(int index, boolean enabled) {
        List<Slot> next = new ArrayList<>(slots);
        next.set(index, new Slot(slots.get(index).program(), enabled));
        return new Draft(leads, next, limits);
    }

    public Draft withInserted(int index, Slot slot) {
        List<Slot> next = new ArrayList<>(slots);
        next.add(index, slot);
        return new Draft(leads, next, limits);
    }

    public Draft without(int index) {
        List<Slot> next = new ArrayList<>(slots);
        next.remove(index);
        return new Draft(leads, next, limits);
    }

    /** Whether a name is used by a program other than the one at {@code except}. */
    public boolean nameTaken(String name, int except) {
        for (int i = 0; i < slots.size(); i++) {
            if (i != except && program(i).name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
