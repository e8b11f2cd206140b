package io.dorsal.programmer.model;

import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.LeadLayout;
import io.dorsal.core.therapy.LeadShape;
import io.dorsal.core.therapy.SpinalLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The leads over the spine, in millimetres, as the programmer draws them to scale: the vertebrae around the leads
 * (bodies and discs), each lead's outline at its implanted place, and each contact's rectangle. Y grows down the
 * spine from the top of C1; x grows to the patient's right of the midline. A lead whose file gives no place is put
 * at {@link #DEFAULT_TIP}, side by side with the other unplaced leads, and {@link #unplaced()} says so. Holds no
 * JavaFX nodes: the view scales it to its canvas.
 *
 * <p>The vertebral figures are Dorsal's defaults, not one patient's anatomy: every segment
 * {@value #SEGMENT_MM} mm (body {@value #BODY_MM} mm, disc the rest), {@value #BODY_WIDTH_MM} mm wide; adult
 * thoracic bodies measure about 17 to 25 mm high, rising down the spine, and their discs 4 to 6 mm (uncertain:
 * docs/user-guide.md says so beside the drawing).
 */
public final class SpineLayout {

    /** One vertebral segment, body and disc, mm (default). */
    public static final double SEGMENT_MM = 27;
    /** A vertebral body's height, mm (default). */
    public static final double BODY_MM = 22;
    /** A vertebral body's width as drawn, mm (default). */
    public static final double BODY_WIDTH_MM = 34;
    /** Where a lead without a stated place is drawn: the usual tip level for back and leg pain. */
    public static final SpinalLevel DEFAULT_TIP = new SpinalLevel("T8");
    /** How far apart unplaced leads are drawn, centre to centre, mm. */
    public static final double UNPLACED_SPACING_MM = 6;
    /** How near (mm) a click must fall to a contact to choose it: contacts are small when drawn to scale. */
    public static final double HIT_SLOP_MM = 1.5;

    /** A vertebra as drawn. */
    public record Vertebra(SpinalLevel level, double topMm, double heightMm) {
    }

    /** A contact as drawn: its centre across, its top and its size. */
    public record ContactShape(ContactId contact, double centreXMm, double topMm, double widthMm, double lengthMm) {

        public boolean contains(double xMm, double yMm, double slopMm) {
            return Math.abs(xMm - centreXMm) <= widthMm / 2 + slopMm && yMm >= topMm - slopMm
                    && yMm <= topMm + lengthMm + slopMm;
        }

        public double centreYMm() {
            return topMm + lengthMm / 2;
        }
    }

    /** A lead as drawn: its outline from the tip, its contacts, and whether its place came from the file. */
    public record LeadDrawing(Lead lead, LeadLayout layout, double centreXMm, double tipMm, double widthMm,
                              double lengthMm, boolean placed, List<ContactShape> contacts) {
        public LeadDrawing {
            contacts = List.copyOf(contacts);
        }
    }

    private final List<Vertebra> vertebrae;
    private final List<LeadDrawing> leads;
    private final double topMm;
    private final double bottomMm;

    private SpineLayout(List<Vertebra> vertebrae, List<LeadDrawing> leads, double topMm, double bottomMm) {
        this.vertebrae = List.copyOf(vertebrae);
        this.leads = List.copyOf(leads);
        this.topMm = topMm;
        this.bottomMm = bottomMm;
    }

    /** The leads of a therapy placed over the spine, with a vertebra of margin above and below them. */
    public static SpineLayout of(List<Lead> leads) {
        List<LeadDrawing> drawings = new ArrayList<>();
        long unplacedCount = leads.stream().filter(l -> l.layoutOrTypical().tip().isEmpty()).count();
        int unplacedIndex = 0;
        for (Lead lead : leads) {
            LeadLayout layout = lead.layoutOrTypical();
            boolean placed = layout.tip().isPresent();
            double tipMm = levelTopMm(layout.tip().orElse(DEFAULT_TIP)) + layout.tipOffsetMm();
            double centreX = placed ? layout.lateralMm()
                    : (unplacedIndex++ - (unplacedCount - 1) / 2.0) * UNPLACED_SPACING_MM;
            int n = lead.contactCount();
            List<ContactShape> contacts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                contacts.add(new ContactShape(lead.contact(i), centreX + layout.contactCentreMm(i, n),
                        tipMm + layout.contactTopMm(i, n), layout.contactWidthMm(), layout.contactLengthMm()));
            }
            // a percutaneous lead's rounded tip and a paddle's border reach a little beyond the contacts
            double margin = layout.shape() == LeadShape.PADDLE ? 2 : layout.contactWidthMm() / 2;
            drawings.add(new LeadDrawing(lead, layout, centreX, tipMm - margin, layout.widthMm() + 2 * margin
                    - (layout.shape() == LeadShape.PERCUTANEOUS ? layout.contactWidthMm() : 0),
                    layout.activeLengthMm(n) + 2 * margin, placed, contacts));
        }
        double first = drawings.stream().mapToDouble(LeadDrawing::tipMm).min().orElse(levelTopMm(DEFAULT_TIP));
        double last = drawings.stream().mapToDouble(d -> d.tipMm() + d.lengthMm()).max().orElse(first);
        // the drawing spans the leads and a margin, so that the contacts are as large as the pane allows
        double top = Math.max(0, Math.min(first - MARGIN_MM, levelTopMm(levelAt(first))));
        double bottom = last + MARGIN_MM;
        int fromIndex = levelAt(top).index();
        int toIndex = levelAt(bottom).index();
        List<Vertebra> vertebrae = new ArrayList<>();
        for (int i = fromIndex; i <= toIndex; i++) {
            vertebrae.add(new Vertebra(SpinalLevel.at(i), i * SEGMENT_MM, BODY_MM));
        }
        return new SpineLayout(vertebrae, drawings, top, bottom);
    }

    /** Room above the highest tip and below the lowest contact, mm. */
    public static final double MARGIN_MM = 8;

    private static SpinalLevel levelAt(double mm) {
        return SpinalLevel.at(Math.max(0, Math.min(SpinalLevel.at(24).index(), (int) Math.floor(mm / SEGMENT_MM))));
    }

    /** The top of a vertebra's body, mm down from the top of C1. */
    public static double levelTopMm(SpinalLevel level) {
        return level.index() * SEGMENT_MM;
    }

    /** The contact under a point (mm), within {@link #HIT_SLOP_MM}; the nearest when several are. */
    public Optional<ContactId> contactAt(double xMm, double yMm) {
        ContactShape best = null;
        double bestDistance = Double.MAX_VALUE;
        for (LeadDrawing lead : leads) {
            for (ContactShape c : lead.contacts()) {
                if (c.contains(xMm, yMm, HIT_SLOP_MM)) {
                    double d = Math.hypot(xMm - c.centreXMm(), yMm - c.centreYMm());
                    if (d < bestDistance) {
                        best = c;
                        bestDistance = d;
                    }
                }
            }
        }
        return Optional.ofNullable(best).map(ContactShape::contact);
    }

    /** The drawn contact, if it is on one of these leads. */
    public Optional<ContactShape> shapeOf(ContactId contact) {
        return leads.stream().flatMap(l -> l.contacts().stream()).filter(c -> c.contact().equals(contact))
                .findFirst();
    }

    /**
     * The contact the keyboard moves to from {@code from}: up or down a column ({@code rows} -1 or +1), or across
     * ({@code columns} -1 or +1) to the next column, then to the next lead's nearest contact. Stays put at an edge.
     */
    public ContactId neighbour(ContactId from, int rows, int columns) {
        for (int l = 0; l < leads.size(); l++) {
            LeadDrawing lead = leads.get(l);
            if (!lead.lead().name().equals(from.lead())) {
                continue;
            }
            int n = lead.lead().contactCount();
            LeadLayout layout = lead.layout();
            int row = layout.rowOf(from.index(), n) + rows;
            int column = layout.columnOf(from.index(), n) + columns;
            int index = layout.indexAt(column, row, n);
            if (index >= 0) {
                return lead.lead().contact(index);
            }
            if (columns != 0) {
                int next = l + Integer.signum(columns);
                if (next >= 0 && next < leads.size()) {
                    ContactShape here = lead.contacts().get(from.index());
                    return leads.get(next).contacts().stream().min(java.util.Comparator.comparingDouble(
                            c -> Math.abs(c.centreYMm() - here.centreYMm()))).map(ContactShape::contact).orElse(from);
                }
            }
            return from;
        }
        return from;
    }

    public List<Vertebra> vertebrae() {
        return vertebrae;
    }

    public List<LeadDrawing> leads() {
        return leads;
    }

    /** The top of the drawing: the highest tip's vertebra, or a margin above the tip, mm. */
    public double topMm() {
        return topMm;
    }

    /** The bottom of the drawing: a margin below the lowest contact, mm. */
    public double bottomMm() {
        return bottomMm;
    }

    /** Whether some lead's file gave no place, so that it is drawn at the default one. */
    public boolean unplaced() {
        return leads.stream().anyMatch(l -> !l.placed());
    }
}
