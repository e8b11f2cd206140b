package io.dorsal.programmer.model;

import io.dorsal.core.safety.Figures;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The headroom on the editor's sliders: for the selected program, the value of amplitude, pulse width and rate at which
 * each dose rule (contact current, charge density, Shannon k, compliance, electrode charge) first breaks, everything
 * else as drafted. Found by asking core's {@link SafetyValidator} about the draft with that one value changed, a binary
 * search over the slider's steps (each of these rules only grows with amplitude, pulse width and rate), so the marks
 * follow the rules exactly, measured impedances and the patient maximum included, and no formula is repeated here. A
 * rule already broken at the slider's lowest value marks nothing (no value of this slider helps). Recomputed after
 * every edit except while a slider is being dragged, and once the drag ends. UI thread only.
 */
public final class Headroom {

    /** The rules a mark can be for: the dose on a contact. */
    public static final Set<SafetyRule> DOSE_RULES = EnumSet.of(SafetyRule.CONTACT_CURRENT, SafetyRule.CHARGE_DENSITY,
            SafetyRule.SHANNON, SafetyRule.COMPLIANCE, SafetyRule.ELECTRODE_CHARGE);
    /** The sliders that carry marks. */
    public static final Set<Field> SLIDERS = EnumSet.of(Field.AMPLITUDE, Field.PULSE_WIDTH, Field.RATE);

    /**
     * Where a rule first breaks on a slider.
     *
     * @param rule  the rule
     * @param value the least value on the slider's steps at which it breaks, in the slider's unit (mA, us, Hz)
     */
    public record Mark(SafetyRule rule, double value) {

        /** The letter drawn on the track: I current, D density, k Shannon, V compliance, E electrode charge. */
        public String letter() {
            return switch (rule) {
                case CONTACT_CURRENT -> "I";
                case CHARGE_DENSITY -> "D";
                case SHANNON -> "k";
                case COMPLIANCE -> "V";
                case ELECTRODE_CHARGE -> "E";
                default -> "!";
            };
        }

        /** In words, with the slider's unit: "charge density from 6.1 mA". */
        public String describe(String unit) {
            return rule.label() + " from " + Figures.format(value) + " " + unit;
        }
    }

    private final DraftEdits edits;
    private final DraftCheck check;
    private final Map<Field, ReadOnlyObjectWrapper<List<Mark>>> marks = new EnumMap<>(Field.class);

    Headroom(DraftEdits edits, DraftCheck check) {
        this.edits = edits;
        this.check = check;
        for (Field f : SLIDERS) {
            marks.put(f, new ReadOnlyObjectWrapper<>(List.of()));
        }
        edits.adjustingProperty().addListener((obs, was, now) -> {
            if (!now) {
                refresh();
            }
        });
    }

    /** The marks on {@code slider} (amplitude, pulse width or rate), lowest first; empty when no rule is in reach. */
    public ReadOnlyObjectProperty<List<Mark>> marksProperty(Field slider) {
        ReadOnlyObjectWrapper<List<Mark>> w = marks.get(slider);
        if (w == null) {
            throw new IllegalArgumentException(slider + " has no slider with marks");
        }
        return w.getReadOnlyProperty();
    }

    /** Computes the marks again for the draft as it is (not while a slider is dragged: its end recomputes). */
    void refresh() {
        if (edits.adjustingProperty().get()) {
            return;
        }
        Draft d = edits.draft();
        for (Field f : SLIDERS) {
            marks.get(f).set(marks(d, edits.selected(), f, check.measuredOhm()));
        }
    }

    /**
     * The marks on {@code slider} for program {@code index} of {@code draft}, judged as the draft check judges it (with
     * the other programs when it is enabled, alone when not) against the measured impedances.
     */
    public static List<Mark> marks(Draft draft, int index, Field slider, Map<ContactId, Double> measuredOhm) {
        Steps steps = Steps.of(slider, draft.program(index), draft.limits());
        SafetyValidator validator = new SafetyValidator(measuredOhm);
        Map<Integer, Set<SafetyRule>> broken = new HashMap<>();
        java.util.function.IntFunction<Set<SafetyRule>> at = i -> broken.computeIfAbsent(i,
                k -> brokenDoseRules(validator, draft, index, slider, steps.value(k)));
        List<Mark> found = new ArrayList<>();
        Set<SafetyRule> atTop = at.apply(steps.count() - 1);
        Set<SafetyRule> atBottom = at.apply(0);
        for (SafetyRule rule : DOSE_RULES) {
            if (!atTop.contains(rule) || atBottom.contains(rule)) {
                continue;
            }
            int holds = 0;
            int breaks = steps.count() - 1;
            while (breaks - holds > 1) {
                int mid = (holds + breaks) >>> 1;
                if (at.apply(mid).contains(rule)) {
                    breaks = mid;
                } else {
                    holds = mid;
                }
            }
            found.add(new Mark(rule, steps.value(breaks)));
        }
        found.sort(Comparator.comparingDouble(Mark::value));
        return List.copyOf(found);
    }

    /** The dose rules program {@code index} breaks with {@code slider} at {@code value}, the rest as drafted. */
    static Set<SafetyRule> brokenDoseRules(SafetyValidator validator, Draft draft, int index, Field slider,
            double value) {
        Program p = draft.program(index);
        Program changed;
        try {
            changed = switch (slider) {
                case AMPLITUDE -> p.withAmplitudeMa(value);
                case PULSE_WIDTH -> Programs.withPulseWidth(p, (int) Math.round(value));
                case RATE -> Programs.withPattern(p, Programs.withRate(p.pattern(), (int) Math.round(value)));
                default -> throw new IllegalArgumentException(slider + " has no slider with marks");
            };
        } catch (IllegalArgumentException e) {
            return Set.of(); // a value the program cannot even hold (its own checks): no dose to judge
        }
        Draft d = draft.withProgram(index, changed);
        Therapy therapy = d.slots().get(index).enabled() ? d.therapy() : d.alone(index);
        Set<SafetyRule> rules = EnumSet.noneOf(SafetyRule.class);
        if (validator.validate(therapy) instanceof Validation.Unsafe u) {
            String subject = "program '" + p.name() + "'";
            for (Violation v : u.violations()) {
                if (v.subject().equals(subject) && DOSE_RULES.contains(v.rule())) {
                    rules.add(v.rule());
                }
            }
        }
        return rules;
    }

    /** A slider's values: {@code count} steps of {@code step} from {@code first}. */
    record Steps(double first, double step, int count) {

        static Steps of(Field slider, Program p, DeviceLimits l) {
            return switch (slider) {
                case AMPLITUDE -> new Steps(0, l.amplitudeStepMa(),
                        (int) Math.round(l.maxAmplitudeMa() / l.amplitudeStepMa()) + 1);
                case PULSE_WIDTH -> new Steps(l.minPulseWidthUs(), l.pulseWidthStepUs(),
                        (l.maxPulseWidthUs() - l.minPulseWidthUs()) / l.pulseWidthStepUs() + 1);
                case RATE -> switch (p.pattern()) {
                    case Pattern.Tonic t -> new Steps(l.minTonicRateHz(), 1, l.maxTonicRateHz() - l.minTonicRateHz() + 1);
                    case Pattern.HighFrequency h -> new Steps(l.minHighFrequencyRateHz(), 1,
                            l.maxHighFrequencyRateHz() - l.minHighFrequencyRateHz() + 1);
                    case Pattern.Burst b -> new Steps(l.minBurstRateHz(), 1, l.maxBurstRateHz() - l.minBurstRateHz() + 1);
                };
                default -> throw new IllegalArgumentException(slider + " has no slider with marks");
            };
        }

        double value(int i) {
            return Double.parseDouble(Figures.format(first + i * step, 3));
        }
    }
}
