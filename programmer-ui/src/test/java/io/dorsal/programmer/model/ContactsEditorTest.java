package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.safety.ContactDose;
import io.dorsal.core.therapy.ContactId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lead picture: clicks, hand-typed percentages and steering edit the selected program's contacts. */
class ContactsEditorTest {

    private static final ContactId L1_2 = ContactId.parse("L1.2");
    private static final ContactId L1_4 = ContactId.parse("L1.4");

    private final Fixture f = new Fixture();
    private final ProgrammerModel m = f.programmer();
    private final ContactsEditor contacts = m.contacts();

    private double densityOn(ContactId contact) {
        return m.doses().stream().filter(d -> d.contact().equals(contact))
                .mapToDouble(ContactDose::chargeDensityUcPerCm2).findFirst().orElseThrow();
    }

    @Test
    void clickingAnOffContactMakesItACathodeSharingTheCurrentAndHalvesTheDensity() {
        double before = densityOn(L1_2);

        contacts.cycleContact(L1_4);

        assertThat(contacts.percentOf(L1_4)).isEqualTo(-50);
        assertThat(contacts.percentOf(L1_2)).isEqualTo(-50);
        assertThat(densityOn(L1_2)).isEqualTo(before / 2);
        assertThat(m.check().safeProperty().get()).isTrue();
    }

    @Test
    void aContactEditIsOneUndoableEditInWords() {
        contacts.cycleContact(L1_4);

        assertThat(m.undoStack().size()).isEqualTo(1);
        assertThat(f.session.log().entries()).anySatisfy(e -> {
            assertThat(e.what()).isEqualTo("contacts of low-back (L1.4)");
            assertThat(e.after()).contains("L1.4 -50%");
        });
    }

    @Test
    void aHandTypedPercentageKeepsThePolarity() {
        contacts.setPercent(L1_2, 90);

        assertThat(contacts.percentOf(L1_2)).isEqualTo(-90);
    }

    @Test
    void flaggedContactsCannotBeChosen() {
        m.check().useImpedances(Map.of(L1_4, 5000.0), Set.of(L1_4));

        contacts.cycleContact(L1_4);

        assertThat(contacts.percentOf(L1_4)).isZero();
        assertThat(m.notices().messageProperty().get()).contains("L1.4 is flagged");
        assertThat(m.undoStack().size()).isZero();
    }
}
