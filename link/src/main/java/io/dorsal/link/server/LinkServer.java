package io.dorsal.link.server;

import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.link.audit.AuditLog;
import io.dorsal.link.identity.Certificates;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Pairing;
import io.dorsal.link.identity.Peer;
import io.dorsal.link.identity.Role;
import io.dorsal.link.identity.TlsContexts;
import io.dorsal.link.wire.FrameException;
import io.dorsal.link.wire.Frames;
import io.dorsal.link.wire.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rig's link server: TLS 1.3 with mutual authentication. A client whose certificate is paired (and not
 * revoked) gets a session in its role; an unknown certificate may only present a pairing proof while a pairing
 * code is open; anything else is refused, logged and closed. Each connection is served on its own virtual
 * thread with bounded memory (frames of at most 64 KiB), a read timeout and a request rate limit, so a slow,
 * flooding or malformed client never blocks the others nor touches therapy. Therapy keeps running exactly as
 * programmed whatever happens to the link.
 */
public final class LinkServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinkServer.class);

    private final Identity rig;
    private final PulseGenerator generator;
    private final AuditLog audit;
    private final ServerSettings settings;
    private final LongSupplier clockMs;
    private final CommandHandler commands;
    /** The drug pump this rig serves beside its generator, or null when it serves none. */
    private final PumpCommands pump;
    private final Semaphore connections;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final SecureRandom random = new SecureRandom();
    private SSLServerSocket serverSocket;
    private Thread acceptor;
    private volatile boolean closed;

    public LinkServer(Identity rig, PulseGenerator generator, AuditLog audit, ServerSettings settings,
                      LongSupplier clockMs) {
        this(rig, generator, audit, settings, clockMs, null);
    }

    /**
     * A rig that also serves a drug pump (issue 13): pump commands go to {@code pump} with the same
     * authentication, roles and audit; every answer carries the pump's state. {@code pump} may be null.
     */
    public LinkServer(Identity rig, PulseGenerator generator, AuditLog audit, ServerSettings settings,
                      LongSupplier clockMs, PumpFirmware pump) {
        this.pump = pump == null ? null : new PumpCommands(pump);
        this.rig = rig;
        this.generator = generator;
        this.audit = audit;
        this.settings = settings;
        this.clockMs = clockMs;
        this.commands = new CommandHandler(generator);
        this.connections = new Semaphore(settings.maxConnections());
    }

    /** Binds and starts accepting; returns the port (useful with port 0). */
    public int start(InetAddress bind, int port) throws IOException {
        // any certificate may complete the handshake; who it is decides what it may do (see serve)
        serverSocket = (SSLServerSocket) TlsContexts.context(rig, fingerprint -> true).getServerSocketFactory()
                .createServerSocket();
        serverSocket.setNeedClientAuth(true);
        serverSocket.setEnabledProtocols(new String[] {TlsContexts.PROTOCOL});
        serverSocket.bind(new InetSocketAddress(bind, port), 50);
        audit.append("rig", Role.RIG.name(), "start", "serving on " + bind.getHostAddress() + ":" + serverSocket.getLocalPort(),
                "ok");
        acceptor = Thread.ofPlatform().name("dorsal-link-accept").daemon(true).start(this::acceptLoop);
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SSLSocket socket = (SSLSocket) serverSocket.accept();
                if (!connections.tryAcquire()) {
                    auditQuietly(address(socket), "-", "refused", "too many connections (" + settings.maxConnections()
                            + ")", "refused");
                    closeQuietly(socket);
                    continue;
                }
                workers.submit(() -> {
                    try {
                        serve(socket);
                    } finally {
                        connections.release();
                        closeQuietly(socket);
                    }
                });
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("link: accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(SSLSocket socket) {
        String address = address(socket);
        X509Certificate certificate;
        try {
            socket.setSoTimeout(settings.readTimeoutMs());
            socket.startHandshake();
            certificate = TlsContexts.peerCertificate(socket);
        } catch (IOException e) {
            auditQuietly(address, "-", "refused", "TLS handshake failed: " + e.getMessage(), "refused");
            return;
        }
        String fingerprint = Certificates.fingerprint(certificate);
        try {
            Optional<Peer> peer = rig.trustedPeer(fingerprint);
            if (peer.isPresent() && peer.get().role() != Role.RIG) {
                session(socket, peer.get(), address);
            } else {
                unknown(socket, certificate, fingerprint, address);
            }
        } catch (IOException e) {
            auditQuietly(address, "-", "error", "connection failed: " + e.getMessage(), "error");
        }
    }

    private void session(SSLSocket socket, Peer peer, String address) throws IOException {
        String who = peer.name();
        String role = peer.role().name();
        String sessionId = HexFormat.of().formatHex(bytes(16));
        long expiresAt = clockMs.getAsLong() + settings.sessionLifetimeMs();
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        audit.append(who, role, "connect", "from " + address + ", session " + sessionId.substring(0, 8), "ok");
        Frames.write(out, Messages.encode(new Messages.Hello(sessionId, who, role, expiresAt, false, null, Messages.PROTOCOL)));
        long expectedSeq = 1;
        long windowStartMs = clockMs.getAsLong();
        int inWindow = 0;
        try {
            while (true) {
                byte[] frame;
                try {
                    frame = Frames.read(in);
                } catch (SocketTimeoutException e) {
                    audit.append(who, role, "disconnect", "idle or too slow for " + settings.readTimeoutMs() + " ms",
                            "dropped");
                    return;
                } catch (FrameException e) {
                    refuse(out, 0, who, role, "malformed frame: " + e.getMessage());
                    return;
                }
                if (frame == null) {
                    audit.append(who, role, "disconnect", "closed by the client", "ok");
                    return;
                }
                long now = clockMs.getAsLong();
                if (now - windowStartMs >= 1_000) {
                    windowStartMs = now;
                    inWindow = 0;
                }
                if (++inWindow > settings.maxRequestsPerSecond()) {
                    refuse(out, 0, who, role, "flooding: more than " + settings.maxRequestsPerSecond()
                            + " requests a second");
                    return;
                }
                Messages.Request request;
                try {
                    request = Messages.decode(frame, Messages.Request.class);
                } catch (FrameException e) {
                    refuse(out, 0, who, role, "malformed request: " + e.getMessage());
                    return;
                }
                if (!sessionId.equals(request.sessionId()) || request.seq() != expectedSeq) {
                    refuse(out, request.seq(), who, role, "replayed or out-of-order message: session "
                            + shortId(request.sessionId()) + " seq " + request.seq() + ", expected session "
                            + sessionId.substring(0, 8) + " seq " + expectedSeq);
                    return;
                }
                if (now >= expiresAt) {
                    refuse(out, request.seq(), who, role, "session expired; connect again");
                    return;
                }
                expectedSeq++;
                if (rig.trustedPeer(peer.fingerprint()).isEmpty()) {
                    refuse(out, request.seq(), who, role, "peer revoked");
                    return;
                }
                Messages.Response response = answer(request, who, peer.role());
                if (!(request.command() instanceof Messages.Command.Status)
                        && !(request.command() instanceof Messages.Command.Events)
                        && !(request.command() instanceof Messages.Command.Pump.Status)) {
                    audit.append(who, role, "command", describe(request.command()),
                            response.ok() ? "applied" : "refused: " + String.join(" | ", response.problems()));
                }
                Frames.write(out, Messages.encode(response));
            }
        } catch (SocketException e) {
            audit.append(who, role, "disconnect", "connection lost: " + e.getMessage(), "dropped");
        }
    }

    /** Runs a request's command for a peer in its role; the answer carries the generator's (and pump's) state. */
    private Messages.Response answer(Messages.Request request, String who, Role role) {
        if (request.command() instanceof Messages.Command.Pump command) {
            PumpCommands.Outcome outcome = pump != null ? pump.run(command, who, role)
                    : PumpCommands.Outcome.refused("rig", "pump", "this rig serves no drug pump",
                            "a rig started with serve --pump", "generator state");
            boolean ok = outcome.problems().isEmpty();
            return new Messages.Response(request.seq(), ok, outcome.problems(), GeneratorState.of(generator),
                    ok ? null : outcome.details(), null, null, pumpState());
        }
        CommandHandler.Outcome outcome = commands.run(request.command(), who, role);
        List<String> problems = outcome.violations().stream().map(io.dorsal.core.safety.Violation::message).toList();
        boolean ok = problems.isEmpty();
        return new Messages.Response(request.seq(), ok, problems, GeneratorState.of(generator),
                ok ? null : GeneratorState.details(outcome.violations()), GeneratorState.impedance(outcome.impedance()),
                GeneratorState.events(outcome.events()), pumpState());
    }

    private Messages.PumpState pumpState() {
        return pump == null ? null : pump.state();
    }

    private void unknown(SSLSocket socket, X509Certificate certificate, String fingerprint, String address)
            throws IOException {
        boolean revoked = rig.peers().stream().anyMatch(p -> p.revoked() && p.fingerprint().equals(fingerprint));
        String name = Certificates.commonName(certificate);
        boolean pairingOpen = !revoked && Pairing.isOpen(rig);
        String reason = revoked ? "revoked certificate of '" + name + "'"
                : "unpaired certificate " + fingerprint.substring(0, 16) + "... ('" + name + "')";
        Frames.write(socket.getOutputStream(), Messages.encode(new Messages.Hello(null, name, null, 0, pairingOpen,
                "refused: " + reason + (pairingOpen ? "; a pairing code is open" : "; pair first"), Messages.PROTOCOL)));
        if (!pairingOpen) {
            auditQuietly(address, "-", "refused", reason, "refused");
            return;
        }
        Messages.PairRequest pairing;
        try {
            byte[] frame = Frames.read(socket.getInputStream());
            pairing = frame == null ? null : Messages.decode(frame, Messages.PairRequest.class);
        } catch (IOException e) {
            pairing = null;
        }
        if (pairing == null) {
            auditQuietly(address, "-", "refused", reason, "refused");
            return;
        }
        Optional<Pairing.Ticket> ticket = Pairing.take(rig);
        long now = clockMs.getAsLong();
        String problem = null;
        if (ticket.isEmpty()) {
            problem = "no pairing code is open on the rig (run stimctl pair there)";
        } else if (now > ticket.get().expiresAtMs()) {
            problem = "the pairing code has expired";
        } else if (!Pairing.sameProof(pairing.proof(), Pairing.clientProof(ticket.get().code(), rig.fingerprint(),
                fingerprint, pairing.name()))) {
            problem = "wrong pairing code";
        }
        if (problem != null) {
            auditQuietly(address, "-", "pair", "'" + pairing.name() + "': " + problem, "refused");
            Frames.write(socket.getOutputStream(), Messages.encode(new Messages.PairResponse(false, null, null,
                    problem + "; the code is used up, open a new one")));
            return;
        }
        Role role = ticket.get().role();
        rig.addPeer(new Peer(pairing.name(), role, fingerprint, Certificates.toPem(certificate), now, false));
        audit.append(pairing.name(), role.name(), "pair", "paired from " + address + ", certificate "
                + fingerprint.substring(0, 16) + "...", "ok");
        Frames.write(socket.getOutputStream(), Messages.encode(new Messages.PairResponse(true, role.name(),
                Pairing.rigProof(ticket.get().code(), rig.fingerprint(), fingerprint), null)));
    }

    private void refuse(OutputStream out, long seq, String who, String role, String reason) throws IOException {
        audit.append(who, role, "refused", reason, "refused");
        try {
            Frames.write(out, Messages.encode(new Messages.Response(seq, false, List.of(reason),
                    GeneratorState.of(generator))));
        } catch (IOException e) {
            // the client is gone; the refusal is in the audit log
        }
    }

    private static String describe(Messages.Command command) {
        return switch (command) {
            case Messages.Command.Apply a -> "apply a program file of " + a.programFile().length() + " characters";
            case Messages.Command.Amplitude a -> "amplitude " + a.program() + " " + (a.deltaMa() >= 0 ? "+" : "")
                    + a.deltaMa() + " mA";
            case Messages.Command.Pump.Program p -> "pumpProgram a prescription file of " + p.prescriptionFile().length()
                    + " characters";
            case Messages.Command.Pump.Refill r -> "pumpRefill drawn back " + r.drawnMl()
                    + " mL, a prescription file of " + r.prescriptionFile().length() + " characters";
            default -> command.typeName();
        };
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String shortId(String id) {
        return id == null ? "none" : id.length() > 8 ? id.substring(0, 8) : id;
    }

    private void auditQuietly(String peer, String role, String event, String detail, String result) {
        try {
            audit.append(peer, role, event, detail, result);
        } catch (IOException e) {
            LOG.error("link: cannot write the audit log: {}", e.toString());
        }
    }

    private static String address(SSLSocket socket) {
        return socket.getRemoteSocketAddress() == null ? "?" : socket.getRemoteSocketAddress().toString();
    }

    private static void closeQuietly(SSLSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (serverSocket != null) {
            serverSocket.close();
        }
        workers.shutdownNow();
        if (acceptor != null) {
            try {
                acceptor.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
