package io.dorsal.link.identity;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS 1.3 from the JDK, with each side presenting its own certificate and trusting peers by certificate
 * fingerprint (pinning): no certificate authority, no host names, nothing else trusted.
 */
public final class TlsContexts {

    /** The only protocol either side speaks. */
    public static final String PROTOCOL = "TLSv1.3";

    private TlsContexts() {
    }

    /**
     * A context presenting {@code identity} and accepting a peer certificate when {@code accept} says so (given
     * its fingerprint); the certificate must also be within its validity dates.
     */
    public static SSLContext context(Identity identity, Predicate<String> accept) {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(new javax.net.ssl.KeyManager[] {new OwnKeyManager(identity)},
                    new TrustManager[] {new FingerprintTrustManager(accept)}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides TLS 1.3", e);
        }
    }

    /** Restricts a socket to TLS 1.3. */
    public static void restrict(SSLSocket socket) {
        socket.setEnabledProtocols(new String[] {PROTOCOL});
    }

    /** The peer's certificate after the handshake. */
    public static X509Certificate peerCertificate(SSLSocket socket) throws javax.net.ssl.SSLPeerUnverifiedException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    private static final class FingerprintTrustManager implements X509TrustManager {
        private final Predicate<String> accept;

        FingerprintTrustManager(Predicate<String> accept) {
            this.accept = accept;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no certificate");
            }
            chain[0].checkValidity();
            if (!accept.test(Certificates.fingerprint(chain[0]))) {
                throw new CertificateException("certificate " + Certificates.fingerprint(chain[0]).substring(0, 16)
                        + "... is not a paired peer");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Always presents this side's own key and certificate. */
    private static final class OwnKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "identity";
        private final Identity identity;

        OwnKeyManager(Identity identity) {
            this.identity = identity;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {identity.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return identity.privateKey();
        }
    }
}
