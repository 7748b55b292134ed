package org.ssewatch.web;

import java.nio.file.Path;

/**
 * How the server speaks TLS (and with it HTTP/2): with a certificate chain and private key from PEM
 * files, or with an ephemeral self-signed certificate made at start-up, whose SHA-256 fingerprint
 * {@link WatchServer#certificateFingerprint()} gives, to be printed so viewers can check it.
 *
 * @param certificateChain PEM file with the server's X.509 certificate first, then any
 *                         intermediates; null when self-signed
 * @param privateKey       PEM file with the matching unencrypted PKCS#8 private key
 *                         ({@code -----BEGIN PRIVATE KEY-----}), RSA, EC or EdDSA; null when self-signed
 * @param selfSigned       make an ephemeral certificate instead
 */
public record TlsConfig(Path certificateChain, Path privateKey, boolean selfSigned) {
    public TlsConfig {
        if (selfSigned && (certificateChain != null || privateKey != null)) {
            throw new IllegalArgumentException("a self-signed certificate takes no certificate or key file");
        }
        if (!selfSigned && (certificateChain == null || privateKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate file and a key file");
        }
    }

    /** A certificate chain and key from PEM files. */
    public static TlsConfig pem(Path certificateChain, Path privateKey) {
        return new TlsConfig(certificateChain, privateKey, false);
    }

    /** An ephemeral self-signed ECDSA P-256 certificate, made anew at every start. */
    public static TlsConfig ephemeral() {
        return new TlsConfig(null, null, true);
    }
}
