package io.dorsal.core.therapy;

import java.util.Objects;
import java.util.Optional;

/**
 * How a lead's contacts lie, and where the lead lies over the spine: what the programmer draws to scale.
 *
 * <p>A percutaneous lead is one column of ring contacts ({@code contactWidthMm} is the lead's diameter; a ring's
 * surface is pi x diameter x length); a paddle has one or more columns of flat contacts (surface width x length).
 * Contacts are numbered from the tip down each column in turn: on a paddle of 2 columns of 8, contacts 0 to 7 are
 * the first column from the tip, 8 to 15 the second. {@code gapMm} is the insulation between two contacts of a
 * column, {@code columnGapMm} between two columns. The tip lies {@code tipOffsetMm} below the top of the vertebral
 * body of {@code tip} (when known), {@code lateralMm} right of the midline (negative: left), as implanted.
 *
 * @param shape           percutaneous (rings) or paddle (flat contacts)
 * @param columns         columns of contacts: 1 for a percutaneous lead
 * @param contactLengthMm a contact's length along the lead, mm
 * @param contactWidthMm  a paddle contact's width, or a percutaneous lead's diameter, mm
 * @param gapMm           insulation between neighbouring contacts of a column, mm
 * @param columnGapMm     insulation between neighbouring columns of a paddle, mm (0 for a percutaneous lead)
 * @param tip             the vertebra the tip lies over, when known
 * @param tipOffsetMm     how far below the top of that vertebra's body the tip lies, mm
 * @param lateralMm       the lead's centre line right of the midline, mm (negative: left)
 */
public record LeadLayout(LeadShape shape, int columns, double contactLengthMm, double contactWidthMm, double gapMm,
                         double columnGapMm, Optional<SpinalLevel> tip, double tipOffsetMm, double lateralMm) {

    /** A percutaneous lead as domain.md gives it: 1.3 mm diameter, 3 mm contacts, 4 mm apart (typ.). */
    public static final double PERCUTANEOUS_DIAMETER_MM = 1.3;
    /** A percutaneous contact's length (typ., domain.md). */
    public static final double PERCUTANEOUS_CONTACT_MM = 3.0;
    /** Insulation between percutaneous contacts: domain.md gives 1.5 to 4 mm; Dorsal's default is the wider. */
    public static final double PERCUTANEOUS_GAP_MM = 4.0;

    public LeadLayout {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(tip, "tip");
    }

    /**
     * The layout a lead without one is drawn with: a percutaneous lead of domain.md's typical diameter and gap whose
     * rings are as long as its stated contact area makes them (so that the drawing agrees with the doses), its
     * position unknown (the programmer draws it at a default place and says so).
     */
    public static LeadLayout typicalPercutaneous(double contactAreaMm2) {
        double length = Math.max(0.5, Math.min(10, contactAreaMm2 / (Math.PI * PERCUTANEOUS_DIAMETER_MM)));
        return new LeadLayout(LeadShape.PERCUTANEOUS, 1, length, PERCUTANEOUS_DIAMETER_MM, PERCUTANEOUS_GAP_MM, 0,
                Optional.empty(), 0, 0);
    }

    /** One contact's surface, mm2: pi x diameter x length for a ring, width x length for a paddle contact. */
    public double contactAreaMm2() {
        return switch (shape) {
            case PERCUTANEOUS -> Math.PI * contactWidthMm * contactLengthMm;
            case PADDLE -> contactWidthMm * contactLengthMm;
        };
    }

    /** Contacts in one column of a lead of {@code contacts}. */
    public int rows(int contacts) {
        return contacts / columns;
    }

    /** The column of contact {@code index} (0 at the left, seen from behind the patient as a radiograph shows). */
    public int columnOf(int index, int contacts) {
        return index / rows(contacts);
    }

    /** The row of contact {@code index}: 0 at the tip. */
    public int rowOf(int index, int contacts) {
        return index % rows(contacts);
    }

    /** The contact at a column and row, or -1 outside the lead. */
    public int indexAt(int column, int row, int contacts) {
        int rows = rows(contacts);
        return column < 0 || column >= columns || row < 0 || row >= rows ? -1 : column * rows + row;
    }

    /** From the tip to the end of the last contact, mm. */
    public double activeLengthMm(int contacts) {
        int rows = rows(contacts);
        return rows * contactLengthMm + (rows - 1) * gapMm;
    }

    /** Across all columns, mm. */
    public double widthMm() {
        return columns * contactWidthMm + (columns - 1) * columnGapMm;
    }

    /** Where contact {@code index}'s top edge lies below the tip, mm. */
    public double contactTopMm(int index, int contacts) {
        return rowOf(index, contacts) * (contactLengthMm + gapMm);
    }

    /** Where contact {@code index}'s centre lies right of the lead's centre line, mm. */
    public double contactCentreMm(int index, int contacts) {
        int column = columnOf(index, contacts);
        return -widthMm() / 2 + contactWidthMm / 2 + column * (contactWidthMm + columnGapMm);
    }
}
