package io.dorsal.core.therapy;

import java.util.List;
import java.util.Objects;

/**
 * A named set of programs that run together (what commercial systems call a program or an area): the patient switches
 * among the sets the clinician allowed.
 *
 * @param name              the set's name, unique in a therapy
 * @param programs          the names of the programs that run together in this set, in the order they are listed
 * @param patientSelectable whether the patient may switch to this set with the remote
 */
public record ProgramSet(String name, List<String> programs, boolean patientSelectable) {

    public ProgramSet {
        Objects.requireNonNull(name, "name");
        programs = List.copyOf(programs);
    }
}
