package io.dorsal.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One run of stimctl in this JVM: its exit code and what it wrote to each stream. */
record CliRun(int exitCode, String out, String err) {

    static CliRun stimctl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Stimctl.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}
