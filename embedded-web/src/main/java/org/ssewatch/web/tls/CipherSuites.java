package org.ssewatch.web.tls;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.xnio.Sequence;

/**
 * The TLS cipher suites the server offers: TLS 1.3's (all AEAD), and over TLS 1.2 only AEAD suites
 * (AES-GCM, ChaCha20-Poly1305) with forward secrecy (ECDHE, DHE), as Mozilla's "intermediate"
 * server configuration has them. The JDK's defaults also include CBC suites with SHA-1 and SHA-2
 * MACs (padding oracles such as Lucky Thirteen; HTTP/2 forbids them, RFC 9113 section 9.2.2).
 * Every browser of the last ten years has an AEAD suite.
 */
public final class CipherSuites {
    /** In order of preference; the server picks by this order. */
    private static final List<String> ALLOWED = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private CipherSuites() {
    }

    /** The allowed suites that {@code ssl} supports, so that none is named that the JDK lacks. */
    public static Sequence<String> offered(SSLContext ssl) {
        Set<String> supported = Set.copyOf(Arrays.asList(ssl.getSupportedSSLParameters().getCipherSuites()));
        List<String> offered = ALLOWED.stream().filter(supported::contains).toList();
        if (offered.isEmpty()) {
            throw new IllegalStateException("this JDK supports none of the AEAD cipher suites " + ALLOWED);
        }
        return Sequence.of(offered);
    }
}
