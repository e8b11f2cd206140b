package io.dorsal.programmer.link;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.GeneratorEvent;
import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.generator.GeneratorStatus;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.therapy.TherapySets;
import io.dorsal.link.client.LinkClient;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.wire.Messages;
import io.dorsal.link.wire.Messages.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A rig over the authenticated link (the same {@link LinkClient} as {@code stimctl remote}). Requests go out one
 * at a time on a worker thread, in order; STOP ALL goes out at once on a connection of its own, ahead of anything
 * queued. Every answer carries the rig's actual state, so the programmer shows what the device is doing. A dropped
 * connection is opened again on the next request. The rig enforces roles and validates everything itself; the
 * {@code who} arguments are ignored, since the rig knows who is asking from its certificate. Thread safe.
 */
public final class RigLink implements StimulatorLink {

    private final String host;
    private final int port;
    private final Identity identity;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dorsal-rig-link");
        t.setDaemon(true);
        return t;
    });
    /** How often the programmer asks a rig for its status: once a second, not per frame. */
    public static final long STATUS_PERIOD_MS = 1000;

    private volatile LinkClient client;

    /** Connects to a rig this identity paired with; refused (with the rig's reason) otherwise. */
    public RigLink(String host, int port, Identity identity) throws IOException {
        this.host = host;
        this.port = port;
        this.identity = identity;
        this.client = LinkClient.connect(host, port, identity);
    }

    /** The drug pump this rig serves, over its own connection; refused when the rig serves none. */
    public RigPump openPump() throws IOException {
        return RigPump.connect(host, port, identity);
    }

    @Override
    public String description() {
        return "Rig " + host + ":" + port + " as '" + identity.name() + "' (" + client.hello().role().toLowerCase(
                java.util.Locale.ROOT) + ")";
    }

    /**
     * {@code RIG-} and the first 12 hex digits of the rig's certificate fingerprint: the identity pinned at pairing,
     * so that a rig keeps its serial when its address changes and another rig cannot borrow it.
     */
    @Override
    public Optional<String> serial() {
        return Optional.of("RIG-" + client.rigFingerprint().replace(":", "").substring(0, 12)
                .toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public String address() {
        return host + ":" + port;
    }

    @Override
    public long statusPeriodMs() {
        return STATUS_PERIOD_MS;
    }

    @Override
    public CompletableFuture<GeneratorStatus> status() {
        return send(new Command.Status()).thenApply(RigLink::toStatus);
    }

    @Override
    public CompletableFuture<ApplyResult> apply(Therapy therapy, String who) {
        return send(new Command.Apply(ProgramCodec.write(therapy))).thenApply(RigLink::toResult);
    }

    /** A therapy with its program sets travels as one program file; the rig validates every set as a whole. */
    @Override
    public CompletableFuture<ApplyResult> applySets(TherapySets sets, String who) {
        if (!sets.declared()) {
            return apply(sets.active(), who);
        }
        return send(new Command.Apply(ProgramCodec.write(sets))).thenApply(RigLink::toResult);
    }

    /** The sets the rig's generator holds, from its answer (read back and checked here as a file). */
    @Override
    public CompletableFuture<Optional<TherapySets>> programSets() {
        return send(new Command.Status()).thenApply(r -> {
            String file = r.state() == null ? null : r.state().setsFile();
            if (file == null) {
                return Optional.<TherapySets>empty();
            }
            try {
                return Optional.of(ProgramCodec.readSets(file));
            } catch (ProgramFileException e) {
                return Optional.<TherapySets>empty();
            }
        });
    }

    @Override
    public CompletableFuture<ApplyResult> selectSet(String name, String who) {
        return send(new Command.SelectSet(name)).thenApply(RigLink::toResult);
    }

    @Override
    public CompletableFuture<ApplyResult> start(String who) {
        return send(new Command.Start()).thenApply(RigLink::toResult);
    }

    @Override
    public CompletableFuture<Void> stop(String who) {
        return send(new Command.Stop()).thenApply(RigLink::doneOrRefused);
    }

    @Override
    public CompletableFuture<Void> stopAll(String who) {
        // its own connection, so that nothing queued can delay it
        return CompletableFuture.supplyAsync(() -> {
            try (LinkClient urgent = LinkClient.connect(host, port, identity)) {
                urgent.send(new Command.StopAll());
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public CompletableFuture<Void> clearFault(String who) {
        return send(new Command.ClearFault()).thenApply(RigLink::doneOrRefused);
    }

    @Override
    public CompletableFuture<ApplyResult> patientAdjust(String program, double deltaMa, String who) {
        return send(new Command.Amplitude(program, deltaMa)).thenApply(RigLink::toResult);
    }

    @Override
    public CompletableFuture<ImpedanceReport> checkImpedance(String who) {
        return send(new Command.Impedance()).thenApply(r -> {
            List<Messages.ContactImpedance> results = r.impedance() == null ? List.of() : r.impedance();
            return new ImpedanceReport(System.nanoTime(), results.stream().map(c -> new ImpedanceReport.ContactImpedance(
                    ContactId.parse(c.contact()), c.impedanceOhm(), ImpedanceReport.Status.valueOf(c.status()),
                    c.wasMeasured())).toList());
        });
    }

    @Override
    public CompletableFuture<List<GeneratorEvent>> events() {
        return send(new Command.Events()).thenApply(r -> r.events() == null ? List.<GeneratorEvent>of()
                : r.events().stream().map(e -> new GeneratorEvent(e.timeNs(), GeneratorEvent.Kind.valueOf(e.kind()),
                        e.who(), e.message())).toList());
    }

    private CompletableFuture<Messages.Response> send(Command command) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                try {
                    return client.send(command);
                } catch (IOException dropped) {
                    client.close();
                    client = LinkClient.connect(host, port, identity);
                    return client.send(command);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, worker);
    }

    /** Nothing for a command the rig carried out; a refusal (a patient clearing a fault, say) fails the future. */
    private static Void doneOrRefused(Messages.Response response) {
        if (!response.ok()) {
            throw new java.util.concurrent.CompletionException(new io.dorsal.link.client.LinkRefusedException(
                    String.join("; ", response.problems())));
        }
        return null;
    }

    static GeneratorStatus toStatus(Messages.Response response) {
        Messages.State state = response.state();
        return new GeneratorStatus(System.nanoTime(), GeneratorMode.valueOf(state.mode()), therapyOf(state),
                state.batteryPercent() / 100.0, state.batteryDaysLeft(), state.batteryLow(),
                Optional.ofNullable(state.faultReason()), state.deliveredUc());
    }

    /** The therapy the rig reports, validated here too (it was on the rig; a therapy that fails here is not shown). */
    private static Optional<ValidatedTherapy> therapyOf(Messages.State state) {
        if (state.programFile() == null) {
            return Optional.empty();
        }
        try {
            return switch (new SafetyValidator().validate(ProgramCodec.read(state.programFile()))) {
                case Validation.Safe safe -> Optional.of(safe.therapy());
                case Validation.Unsafe unsafe -> Optional.empty();
            };
        } catch (ProgramFileException e) {
            return Optional.empty();
        }
    }

    static ApplyResult toResult(Messages.Response response) {
        if (response.ok()) {
            return new ApplyResult.Applied("applied on the rig");
        }
        List<Violation> violations = response.details() != null && !response.details().isEmpty()
                ? response.details().stream().map(p -> new Violation(p.subject(), p.field(), p.value(), p.limit(),
                        ruleOf(p.rule()))).toList()
                : response.problems().stream().map(p -> new Violation("rig", "request", p, "what the rig accepts",
                        SafetyRule.GENERATOR_STATE)).toList();
        return new ApplyResult.Rejected(violations);
    }

    private static SafetyRule ruleOf(String label) {
        return Arrays.stream(SafetyRule.values()).filter(r -> r.label().equals(label)).findFirst()
                .orElse(SafetyRule.GENERATOR_STATE);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
