package io.dorsal.programmer.view;

import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.LeadShape;
import io.dorsal.programmer.model.ProgrammerModel;
import io.dorsal.programmer.model.SpineLayout;
import io.dorsal.programmer.theme.Palette;
import io.dorsal.programmer.theme.Theme;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.value.ObservableValue;
import javafx.geometry.VPos;
import javafx.scene.AccessibleRole;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The leads drawn to scale over the spine, as implanted ({@link SpineLayout}): vertebral bodies with their levels,
 * each lead's outline and contacts at their real size and place. A cathode is a filled contact with a minus and its
 * percentage, an anode a hollow one with a plus (sign and shape, not colour alone); a contact the impedance check
 * flagged is crossed. Click a contact to cycle it off, cathode, anode. From the keyboard: the arrows move a focus
 * ring from contact to contact (up and down a column, across columns and leads), Space or Enter cycles the focused
 * one; Alt+Up and Alt+Down (Edit menu) move the program's contacts one contact along the leads.
 */
final class SpineView extends Pane {

    /** The drawing's width in mm: the vertebral bodies and a little room. */
    private static final double VIEW_WIDTH_MM = 44;
    private static final double LABEL_PX = 30;

    private final ProgrammerModel model;
    private final ObservableValue<Theme> theme;
    private final Canvas canvas = new Canvas();
    private SpineLayout layout;
    private ContactId focused;
    private double scale;
    private double originXPx;

    SpineView(ProgrammerModel model, ObservableValue<Theme> theme) {
        this.model = model;
        this.theme = theme;
        setId("spine");
        getChildren().add(canvas);
        canvas.setId("spineCanvas");
        canvas.setFocusTraversable(true);
        canvas.setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setMinSize(180, 240);
        setPrefSize(276, 460);
        widthProperty().addListener((obs, was, now) -> redraw());
        heightProperty().addListener((obs, was, now) -> redraw());
        model.edits().revisionProperty().addListener((obs, was, now) -> relayout());
        theme.addListener((obs, was, now) -> redraw());
        canvas.focusedProperty().addListener((obs, was, now) -> redraw());
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        relayout();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    private void relayout() {
        layout = SpineLayout.of(model.draft().leads());
        if (focused == null || layout.shapeOf(focused).isEmpty()) {
            focused = model.program().electrodes().keySet().stream().filter(c -> !c.isCase()).findFirst()
                    .or(() -> layout.leads().stream().findFirst().map(l -> l.lead().contact(0))).orElse(null);
        }
        redraw();
    }

    /** The layout drawn (tests find contacts' places through it). */
    SpineLayout spineLayout() {
        return layout;
    }

    /** Where a contact's centre is drawn, in the canvas's coordinates. */
    Optional<double[]> centreOf(ContactId contact) {
        return layout.shapeOf(contact).map(c -> new double[] {xPx(c.centreXMm()), yPx(c.centreYMm())});
    }

    /** The contact the keyboard is on. */
    ContactId focused() {
        return focused;
    }

    private double xPx(double mm) {
        return originXPx + mm * scale;
    }

    private double yPx(double mm) {
        return (mm - layout.topMm()) * scale;
    }

    private void clicked(MouseEvent e) {
        canvas.requestFocus();
        double xMm = (e.getX() - originXPx) / scale;
        double yMm = e.getY() / scale + layout.topMm();
        layout.contactAt(xMm, yMm).ifPresent(c -> {
            focused = c;
            model.cycleContact(c);
        });
        redraw();
    }

    private void keyPressed(KeyEvent e) {
        if (focused == null || e.isAltDown() || e.isShortcutDown()) {
            return;
        }
        KeyCode code = e.getCode();
        switch (code) {
            case UP -> focused = layout.neighbour(focused, -1, 0);
            case DOWN -> focused = layout.neighbour(focused, 1, 0);
            case LEFT -> focused = layout.neighbour(focused, 0, -1);
            case RIGHT -> focused = layout.neighbour(focused, 0, 1);
            case SPACE, ENTER -> model.cycleContact(focused);
            default -> {
                return;
            }
        }
        e.consume();
        redraw();
    }

    private void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (layout == null || w <= 0 || h <= 0) {
            return;
        }
        scale = Math.min((w - LABEL_PX) / VIEW_WIDTH_MM, h / (layout.bottomMm() - layout.topMm()));
        originXPx = LABEL_PX + (w - LABEL_PX) / 2;
        Palette p = theme.getValue().palette();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);

        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font(11));
        for (SpineLayout.Vertebra v : layout.vertebrae()) {
            double top = yPx(v.topMm());
            double height = v.heightMm() * scale;
            g.setFill(blend(p.grid(), p.background(), 0.45));
            g.fillRoundRect(xPx(-SpineLayout.BODY_WIDTH_MM / 2), top, SpineLayout.BODY_WIDTH_MM * scale, height,
                    4 * scale, 4 * scale);
            g.setStroke(p.grid());
            g.setLineWidth(1);
            g.strokeRoundRect(xPx(-SpineLayout.BODY_WIDTH_MM / 2), top, SpineLayout.BODY_WIDTH_MM * scale, height,
                    4 * scale, 4 * scale);
            g.setFill(p.mutedText());
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(v.level().name(), 2, top + height / 2);
        }
        g.setStroke(p.mutedText());
        g.setLineDashes(4, 4);
        g.strokeLine(xPx(0), 0, xPx(0), h);
        g.setLineDashes();

        for (SpineLayout.LeadDrawing lead : layout.leads()) {
            boolean paddle = lead.layout().shape() == LeadShape.PADDLE;
            double left = xPx(lead.centreXMm() - lead.widthMm() / 2);
            double top = yPx(lead.tipMm());
            double width = lead.widthMm() * scale;
            // a percutaneous lead's body goes on down to the generator; a paddle ends below its contacts
            double length = paddle ? lead.lengthMm() * scale : h - top;
            g.setFill(blend(p.mutedText(), p.background(), 0.55));
            g.fillRoundRect(left, top, width, length, width, paddle ? 3 * scale : width);
            g.setFill(p.text());
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(lead.lead().name(), xPx(lead.centreXMm()), Math.max(8, top - 8));
            // words go on the lead's outer side, so that two leads side by side keep theirs apart
            boolean outerLeft = lead.centreXMm() < 0 && layout.leads().size() > 1;
            for (SpineLayout.ContactShape c : lead.contacts()) {
                drawContact(g, p, c, paddle, outerLeft);
            }
        }
    }

    private void drawContact(GraphicsContext g, Palette p, SpineLayout.ContactShape c, boolean paddle,
            boolean outerLeft) {
        double x = xPx(c.centreXMm() - c.widthMm() / 2);
        double y = yPx(c.topMm());
        double cw = c.widthMm() * scale;
        double ch = c.lengthMm() * scale;
        int percent = model.percentOf(c.contact());
        boolean flagged = model.check().flagged().contains(c.contact());
        if (percent < 0) {
            g.setFill(p.cathodic());
            g.fillRect(x, y, cw, ch);
        } else if (percent > 0) {
            g.setFill(p.background());
            g.fillRect(x, y, cw, ch);
            g.setStroke(p.anodic());
            g.setLineWidth(2);
            g.strokeRect(x + 1, y + 1, cw - 2, ch - 2);
        } else {
            g.setFill(blend(p.grid(), p.background(), 0.9));
            g.fillRect(x, y, cw, ch);
            g.setStroke(p.mutedText());
            g.setLineWidth(0.75);
            g.strokeRect(x, y, cw, ch);
        }
        if (flagged) {
            g.setStroke(p.danger());
            g.setLineWidth(1.5);
            g.strokeLine(x, y, x + cw, y + ch);
            g.strokeLine(x + cw, y, x, y + ch);
        }
        if (!paddle || percent != 0) {
            String sign = percent < 0 ? "\u2212" : "+";
            String words = paddle ? sign : c.contact().index() + (percent == 0 ? "" : " " + sign + Math.abs(percent));
            g.setFont(Font.font(10));
            g.setTextAlign(outerLeft ? TextAlignment.RIGHT : TextAlignment.LEFT);
            g.setFill(percent < 0 ? p.cathodic() : percent > 0 ? p.anodic() : p.mutedText());
            g.fillText(words, outerLeft ? x - 4 : x + cw + 4, y + ch / 2);
        }
        if (c.contact().equals(focused) && canvas.isFocused()) {
            g.setStroke(p.text());
            g.setLineWidth(1.5);
            g.setLineDashes(2, 2);
            g.strokeRect(x - 3, y - 3, cw + 6, ch + 6);
            g.setLineDashes();
        }
        canvas.setAccessibleText(focused == null ? "leads" : String.format(Locale.ROOT, "contact %s, %s", focused,
                describe(model.percentOf(focused))));
    }

    private static String describe(int percent) {
        return percent < 0 ? "cathode " + -percent + " percent" : percent > 0 ? "anode " + percent + " percent"
                : "off";
    }

    private static Color blend(Color a, Color b, double towardsB) {
        return a.interpolate(b, towardsB);
    }
}
