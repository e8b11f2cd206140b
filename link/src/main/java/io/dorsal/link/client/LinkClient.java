package io.dorsal.link.client;

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
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;

/**
 * A programmer's (or patient remote's) connection to a rig: TLS 1.3, presenting this side's certificate and
 * trusting only the rig it paired with. Requests are numbered in the rig's session. Not thread safe: one caller
 * at a time (the app serializes its commands).
 */
public final class LinkClient implements AutoCloseable {

    /** Longest wait for the rig to answer. */
    public static final int TIMEOUT_MS = 10_000;

    private final SSLSocket socket;
    private final Messages.Hello hello;
    private long nextSeq = 1;

    private LinkClient(SSLSocket socket, Messages.Hello hello) {
        this.socket = socket;
        this.hello = hello;
    }

    /** Connects to a paired rig; refused when the rig does not know or no longer trusts this side. */
    public static LinkClient connect(String host, int port, Identity identity) throws IOException {
        Set<String> rigs = identity.peers().stream().filter(p -> p.role() == Role.RIG && !p.revoked())
                .map(Peer::fingerprint).collect(Collectors.toSet());
        if (rigs.isEmpty()) {
            throw new LinkRefusedException("this identity (" + identity.directory() + ") has not paired with a rig;"
                    + " run: stimctl remote --connect HOST:PORT --identity DIR pair CODE");
        }
        SSLSocket socket = open(host, port, identity, rigs::contains);
        try {
            Messages.Hello hello = Messages.decode(read(socket), Messages.Hello.class);
            checkProtocol(hello);
            if (hello.refusal() != null || hello.sessionId() == null) {
                throw new LinkRefusedException(hello.refusal() == null ? "refused" : hello.refusal());
            }
            return new LinkClient(socket, hello);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Pairs with a rig showing {@code code}: proves knowledge of the code bound to both certificates, checks the
     * rig's proof in return, then trusts the rig's certificate (and only it) from now on.
     *
     * @return the role the rig granted
     */
    public static Role pair(String host, int port, Identity identity, String code) throws IOException {
        try (SSLSocket socket = open(host, port, identity, fingerprint -> true)) {
            X509Certificate rigCertificate = TlsContexts.peerCertificate(socket);
            String rigFingerprint = Certificates.fingerprint(rigCertificate);
            Messages.Hello hello = Messages.decode(read(socket), Messages.Hello.class);
            checkProtocol(hello);
            if (hello.sessionId() != null) {
                throw new LinkRefusedException("this programmer ('" + identity.name() + "') is already paired with the"
                        + " rig: connect without a code (to pair again, revoke it on the rig first)");
            }
            if (!hello.pairingOpen()) {
                throw new LinkRefusedException("no pairing code is open on the rig: run stimctl pair there first");
            }
            String proof = Pairing.clientProof(code, rigFingerprint, identity.fingerprint(), identity.name());
            Frames.write(socket.getOutputStream(), Messages.encode(new Messages.PairRequest(identity.name(), proof)));
            Messages.PairResponse answer = Messages.decode(read(socket), Messages.PairResponse.class);
            if (!answer.ok()) {
                throw new LinkRefusedException("pairing refused: " + answer.problem());
            }
            if (!Pairing.sameProof(answer.proof(), Pairing.rigProof(code, rigFingerprint, identity.fingerprint()))) {
                throw new LinkRefusedException("the rig could not prove it knows the code: not trusting it");
            }
            identity.addPeer(new Peer(Certificates.commonName(rigCertificate), Role.RIG, rigFingerprint,
                    Certificates.toPem(rigCertificate), System.currentTimeMillis(), false));
            return Role.valueOf(answer.role());
        }
    }

    private static void checkProtocol(Messages.Hello hello) throws LinkRefusedException {
        if (hello.protocol() != Messages.PROTOCOL) {
            throw new LinkRefusedException("the rig speaks link protocol " + hello.protocol() + " and this programmer "
                    + Messages.PROTOCOL + ": update the older of the two");
        }
    }

    private static SSLSocket open(String host, int port, Identity identity,
                                  java.util.function.Predicate<String> trust) throws IOException {
        SSLSocket socket = (SSLSocket) TlsContexts.context(identity, trust).getSocketFactory().createSocket();
        try {
            TlsContexts.restrict(socket);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static byte[] read(SSLSocket socket) throws IOException {
        byte[] frame = Frames.read(socket.getInputStream());
        if (frame == null) {
            throw new LinkRefusedException("the rig closed the connection");
        }
        return frame;
    }

    public Messages.Hello hello() {
        return hello;
    }

    /**
     * The SHA-256 fingerprint of the rig's certificate this connection was made with (the one pinned at pairing):
     * what identifies the rig, whatever its address.
     */
    public String rigFingerprint() {
        try {
            return Certificates.fingerprint((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new IllegalStateException("a connected link has a verified rig certificate", e);
        }
    }

    /** Sends a command and waits for the rig's answer, which carries its actual state. */
    public Messages.Response send(Messages.Command command) throws IOException {
        return send(new Messages.Request(hello.sessionId(), nextSeq++, command));
    }

    /** Sends a request exactly as given (tests use it to replay one). */
    public Messages.Response send(Messages.Request request) throws IOException {
        Frames.write(socket.getOutputStream(), Messages.encode(request));
        return Messages.decode(read(socket), Messages.Response.class);
    }

    /** Sends raw bytes as one frame (tests use it to send malformed messages). */
    public Messages.Response sendFrame(byte[] body) throws IOException {
        Frames.write(socket.getOutputStream(), body);
        try {
            return Messages.decode(read(socket), Messages.Response.class);
        } catch (FrameException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
