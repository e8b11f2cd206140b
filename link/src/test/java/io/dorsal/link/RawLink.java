package io.dorsal.link;

import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Role;
import io.dorsal.link.identity.TlsContexts;
import io.dorsal.link.wire.Frames;
import io.dorsal.link.wire.Messages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;

/** A paired client's TLS connection with nothing on top, to send the rig what a real client never would. */
record RawLink(SSLSocket socket, Messages.Hello hello) implements AutoCloseable {

    static RawLink open(LinkFixture rig, Identity side) throws IOException {
        Set<String> rigs = side.peers().stream().filter(p -> p.role() == Role.RIG).map(p -> p.fingerprint())
                .collect(Collectors.toSet());
        SSLSocket socket = (SSLSocket) TlsContexts.context(side, rigs::contains).getSocketFactory().createSocket();
        TlsContexts.restrict(socket);
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress("127.0.0.1", rig.port));
        socket.startHandshake();
        Messages.Hello hello = Messages.decode(Frames.read(socket.getInputStream()), Messages.Hello.class);
        return new RawLink(socket, hello);
    }

    Messages.Response response() throws IOException {
        return Messages.decode(Frames.read(socket.getInputStream()), Messages.Response.class);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
