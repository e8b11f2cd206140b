package io.dorsal.programmer.view;

import io.dorsal.programmer.model.LogEntry;
import io.dorsal.programmer.model.SessionLog;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The session log as a table: time, who, action, what, before, after; scrolls to the newest line. */
final class SessionLogView extends TableView<LogEntry> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    SessionLogView(SessionLog log) {
        super(log.entries());
        setId("sessionLog");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().add(column("time", e -> TIME.format(e.when().atZone(log.wallClock().getZone())), 70));
        getColumns().add(column("who", LogEntry::who, 80));
        getColumns().add(column("action", LogEntry::action, 110));
        getColumns().add(column("what", LogEntry::what, 250));
        getColumns().add(column("before", LogEntry::before, 300));
        getColumns().add(column("after", LogEntry::after, 300));
        log.entries().addListener((ListChangeListener<LogEntry>) change -> scrollTo(getItems().size() - 1));
    }

    private static TableColumn<LogEntry, String> column(String name, Function<LogEntry, String> value, double width) {
        TableColumn<LogEntry, String> column = new TableColumn<>(name);
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }
}
