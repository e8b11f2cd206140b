package io.dorsal.programmer.model;

import java.util.List;

/** The session log as plain text, one entry a line, for the patient's record: when, who, action, what, before, after. */
public final class SessionLogText {

    private SessionLogText() {
    }

    public static String of(List<LogEntry> entries) {
        StringBuilder text = new StringBuilder();
        for (LogEntry e : entries) {
            text.append(e.when()).append('\t').append(e.who()).append('\t').append(e.action()).append('\t')
                    .append(e.what()).append('\t').append(e.before()).append('\t').append(e.after()).append('\n');
        }
        return text.toString();
    }
}
