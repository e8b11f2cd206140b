package io.dorsal.programmer.model;

import io.dorsal.core.generator.GeneratorStatus;
import io.dorsal.link.client.LinkClient;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Pairing;
import io.dorsal.link.identity.Role;
import io.dorsal.programmer.link.RigLink;
import io.dorsal.programmer.link.StimulatorLink;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Connect to rig": the rig's address, this programmer's identity (a folder, and the name a new one gets) and a
 * pairing code for the first connection. {@link #connect()} opens the identity, pairs if a code was given,
 * connects with the same {@link LinkClient} as {@code stimctl remote} (through a {@link RigLink}) and reads the
 * rig's status, all on a background thread; only then does the session switch to the rig. Any failure is said
 * in words and changes nothing. UI thread only.
 */
public final class ConnectModel {

    /** Where {@code stimctl serve} listens by default. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:7450";

    private final Session session;
    private final Executor background;
    private final Executor ui;
    private final StringProperty address = new SimpleStringProperty(DEFAULT_ADDRESS);
    private final StringProperty identityDir = new SimpleStringProperty(DEFAULT_IDENTITY_DIR);
    private final StringProperty name;
    private final StringProperty code = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");

    /**
     * @param background runs the blocking work (identity, pairing, TLS, the first status)
     * @param ui         hands the outcome back to the UI thread
     */
    public ConnectModel(Session session, Executor background, Executor ui) {
        this.session = session;
        this.background = background;
        this.ui = ui;
        this.name = new SimpleStringProperty(session.clinician());
    }

    /** This programmer's identity, where {@code stimctl remote} keeps it too ({@code ~} is the home folder). */
    public static final String DEFAULT_IDENTITY_DIR = "~/.dorsal/programmer";

    /** A rig's address: {@code host:port}, {@code [v6 address]:port}. */
    public record Address(String host, int port) {

        /** The address, or empty if it is not {@code host:port} with a port from 1 to 65535. */
        public static Optional<Address> parse(String text) {
            String t = text.strip();
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || colon == t.length() - 1) {
                return Optional.empty();
            }
            String host = t.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(t.substring(colon + 1));
                return port >= 1 && port <= 65_535 && !host.isBlank() && !host.contains(" ")
                        ? Optional.of(new Address(host, port)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private record Opened(RigLink link, GeneratorStatus status, Optional<Role> paired) {
    }

    /** Why connecting failed, and whether the pairing had succeeded before it. */
    private static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;
        private final transient Optional<Role> paired;

        Failure(Throwable cause, Optional<Role> paired) {
            super(cause);
            this.paired = paired;
        }
    }

    /**
     * Connects (pairing first if a code was given) and switches the session to the rig; or says why not, and
     * changes nothing.
     *
     * @return completes on the UI executor with whether the session now talks to the rig
     */
    public CompletableFuture<Boolean> connect() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (busy.get()) {
            done.complete(false);
            return done;
        }
        Optional<Address> parsed = Address.parse(address.get());
        String problem = parsed.isEmpty() ? "The rig address must be host:port, for example " + DEFAULT_ADDRESS + "."
                : identityDir.get().isBlank() ? "Choose the folder that holds this programmer's identity."
                : name.get().isBlank() ? "Give this programmer a name (the rig shows it in its peers and audit log)."
                : "";
        if (!problem.isEmpty()) {
            error.set(problem);
            done.complete(false);
            return done;
        }
        Address where = parsed.get();
        Path dir = folder(identityDir.get());
        String typed = code.get().strip();
        String who = name.get().strip();
        busy.set(true);
        error.set("");
        progress.set(typed.isEmpty() ? "Connecting to " + where + "…" : "Pairing with " + where + ", then connecting…");
        background.execute(() -> {
            Opened opened = null;
            Failure failure = null;
            try {
                opened = open(where, dir, who, typed);
            } catch (Failure f) {
                failure = f;
            }
            Opened result = opened;
            Failure failed = failure;
            ui.execute(() -> {
                busy.set(false);
                progress.set("");
                if (failed != null) {
                    failed.paired.ifPresent(role -> paired(where, role));
                    String why = LinkProblems.describe(failed.getCause(), where.toString());
                    error.set((failed.paired.isPresent() ? "Paired, but could not connect: " : "") + why
                            + ". Nothing was changed.");
                    session.log().add(session.clinician(), "connect refused", where.toString(), "", why);
                    done.complete(false);
                    return;
                }
                result.paired.ifPresent(role -> paired(where, role));
                Optional<String> refused = refusalByRecords(result.link);
                if (refused.isPresent()) {
                    result.link.close();
                    error.set(refused.get());
                    session.log().add(session.clinician(), "connect refused", where.toString(), "", refused.get());
                    done.complete(false);
                    return;
                }
                code.set("");
                session.switchTo(result.link, result.status);
                done.complete(true);
            });
        });
        return done;
    }

    /** Why the open patient's record refuses this rig (its serial is another patient's device), if it does. */
    private Optional<String> refusalByRecords(StimulatorLink link) {
        if (session.records().isEmpty()) {
            return Optional.empty();
        }
        try {
            return session.records().get().refusalFor(link.serial());
        } catch (io.dorsal.clinic.db.ClinicDatabaseException e) {
            return Optional.of("The patient's records could not be read, so the rig was not taken over: "
                    + e.getMessage() + ". Nothing was changed.");
        }
    }

    /** A folder as typed: a leading {@code ~} is the home folder. */
    static Path folder(String typed) {
        String t = typed.strip();
        Path home = Path.of(System.getProperty("user.home"));
        return t.equals("~") ? home : t.startsWith("~/") ? home.resolve(t.substring(2)) : Path.of(t);
    }

    private void paired(Address where, Role role) {
        session.log().add(session.clinician(), "pair", where.toString(), "", "paired as "
                + role.name().toLowerCase(Locale.ROOT));
    }

    private static Opened open(Address where, Path dir, String name, String code) throws Failure {
        Optional<Role> paired = Optional.empty();
        try {
            Identity identity = Identity.openOrCreate(dir, name, Role.CLINICIAN);
            if (!code.isEmpty()) {
                paired = Optional.of(LinkClient.pair(where.host(), where.port(), identity, Pairing.normalize(code)));
            }
            RigLink link = new RigLink(where.host(), where.port(), identity);
            try {
                GeneratorStatus status = link.status().get(2L * LinkClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
                return new Opened(link, status, paired);
            } catch (Exception e) {
                link.close();
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(e, paired);
        } catch (Exception e) {
            throw new Failure(e, paired);
        }
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty identityDirProperty() {
        return identityDir;
    }

    /** The name a new identity gets (an existing identity keeps its own). */
    public StringProperty nameProperty() {
        return name;
    }

    /** The one-time code {@code stimctl pair} shows on the rig; only for the first connection. */
    public StringProperty codeProperty() {
        return code;
    }

    /** True while connecting. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the last attempt failed, in words; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What is being done now. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Goes back to the embedded generator. */
    public void disconnect() {
        session.disconnect();
    }
}
