package io.dorsal.link.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One side of the link, kept in a directory: {@code identity.p12} (its EC key pair and self-signed certificate,
 * readable by its owner only) and {@code peers.json} (the peers it paired with, by certificate fingerprint).
 * Made on first use. Peer changes are written to a new file and moved into place, so a crash never leaves a
 * half-written peer list. Thread safe.
 */
public final class Identity {

    /** The keystore's password. The key's protection at rest is the file's owner-only permission. */
    private static final char[] STORE_PASSWORD = "dorsal-identity".toCharArray();
    private static final String ALIAS = "identity";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path directory;
    private final String name;
    private final Role role;
    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private Identity(Path directory, String name, Role role, PrivateKey privateKey, X509Certificate certificate) {
        this.directory = directory;
        this.name = name;
        this.role = role;
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    /** Opens the identity in {@code directory}, making a new key pair named {@code name} if there is none. */
    public static Identity openOrCreate(Path directory, String name, Role role) throws IOException {
        Path store = directory.resolve("identity.p12");
        try {
            if (Files.exists(store)) {
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(store)) {
                    keyStore.load(in, STORE_PASSWORD);
                }
                X509Certificate cert = (X509Certificate) keyStore.getCertificate(ALIAS);
                PrivateKey key = (PrivateKey) keyStore.getKey(ALIAS, STORE_PASSWORD);
                String ou = cert.getSubjectX500Principal().getName().replaceAll(".*OU=([A-Z]+).*", "$1");
                Role stored = ou.matches("[A-Z]+") ? Role.valueOf(ou) : role;
                return new Identity(directory, Certificates.commonName(cert), stored, key, cert);
            }
            Files.createDirectories(directory);
            KeyPair keys = Certificates.newKeyPair();
            X509Certificate cert = Certificates.selfSigned(keys, name, role);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(ALIAS, keys.getPrivate(), STORE_PASSWORD, new Certificate[] {cert});
            Path tmp = directory.resolve("identity.p12.tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                keyStore.store(out, STORE_PASSWORD);
            }
            ownerOnly(tmp);
            moveIntoPlace(tmp, store);
            return new Identity(directory, name, role, keys.getPrivate(), cert);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot open or create the identity in " + directory + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public Path directory() {
        return directory;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String fingerprint() {
        return Certificates.fingerprint(certificate);
    }

    /** The peers paired with, revoked ones included. */
    public synchronized List<Peer> peers() throws IOException {
        Path file = directory.resolve("peers.json");
        if (!Files.exists(file)) {
            return List.of();
        }
        return JSON.readValue(file.toFile(), new TypeReference<List<Peer>>() { });
    }

    /** The trusted (paired, not revoked) peer with this certificate fingerprint, if any. */
    public Optional<Peer> trustedPeer(String fingerprint) throws IOException {
        return peers().stream().filter(p -> !p.revoked() && p.fingerprint().equals(fingerprint)).findFirst();
    }

    /** Trusts a peer from now on (replacing any earlier peer of the same name). */
    public synchronized void addPeer(Peer peer) throws IOException {
        List<Peer> peers = new ArrayList<>(peers());
        peers.removeIf(p -> p.name().equals(peer.name()) || p.fingerprint().equals(peer.fingerprint()));
        peers.add(peer);
        writePeers(peers);
    }

    /** Revokes a peer by name; returns whether there was one. */
    public synchronized boolean revoke(String peerName) throws IOException {
        List<Peer> peers = new ArrayList<>(peers());
        boolean found = false;
        for (int i = 0; i < peers.size(); i++) {
            if (peers.get(i).name().equals(peerName) && !peers.get(i).revoked()) {
                peers.set(i, peers.get(i).asRevoked());
                found = true;
            }
        }
        if (found) {
            writePeers(peers);
        }
        return found;
    }

    private void writePeers(List<Peer> peers) throws IOException {
        Path tmp = directory.resolve("peers.json.tmp");
        JSON.writeValue(tmp.toFile(), peers);
        ownerOnly(tmp);
        moveIntoPlace(tmp, directory.resolve("peers.json"));
    }

    static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: rely on the directory's own protection
        }
    }

    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
