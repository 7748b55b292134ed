package org.ssewatch.web.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.ssewatch.web.TlsConfig;
import org.ssewatch.web.Tokens;

/**
 * The server's TLS key and certificate chain, from PEM files or made up on the spot, and the
 * {@link SSLContext} serving them. Files are checked thoroughly at start-up (the key must match the
 * certificate) so that mistakes show as one clear message rather than as handshake failures.
 */
public final class TlsIdentity {
    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";
    private static final int SELF_SIGNED_DAYS = 365;

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private TlsIdentity(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain;
    }

    /** Loads or makes the identity {@code config} describes; {@code hosts} go into a self-signed certificate. */
    public static TlsIdentity of(TlsConfig config, Collection<String> hosts) throws IOException, GeneralSecurityException {
        if (config.selfSigned()) {
            KeyPair keys = SelfSignedCertificate.newKeyPair();
            return new TlsIdentity(keys.getPrivate(), List.of(SelfSignedCertificate.create(keys, hosts, SELF_SIGNED_DAYS)));
        }
        List<X509Certificate> chain = certificates(config.certificateChain());
        PrivateKey key = privateKey(config.privateKey(), chain.get(0).getPublicKey().getAlgorithm());
        checkPair(key, chain.get(0).getPublicKey(), config);
        return new TlsIdentity(key, chain);
    }

    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such certificate file");
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(file + ": not a PEM X.509 certificate chain: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException(file + ": no certificate found (expected -----BEGIN CERTIFICATE-----)");
        }
        return certs.stream().map(c -> (X509Certificate) c).toList();
    }

    static PrivateKey privateKey(Path file, String algorithm) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            String kind = pem.contains("ENCRYPTED PRIVATE KEY") ? "an encrypted key"
                    : pem.contains("BEGIN RSA PRIVATE KEY") ? "a PKCS#1 RSA key"
                    : pem.contains("BEGIN EC PRIVATE KEY") ? "a SEC1 EC key" : "no PKCS#8 private key";
            throw new GeneralSecurityException(file + ": found " + kind + "; expected an unencrypted PKCS#8 key ("
                    + PKCS8_BEGIN + "). Convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(file + ": the key is not valid base64", e);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(file + ": not a " + algorithm + " key, as the certificate needs: " + e.getMessage(), e);
        }
    }

    /** Signs a test message with the key and verifies it with the certificate's public key. */
    private static void checkPair(PrivateKey key, PublicKey pub, TlsConfig config) throws GeneralSecurityException {
        String alg = switch (pub.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> pub.getAlgorithm().equals("Ed448") ? "Ed448" : "Ed25519";
            default -> null;
        };
        if (alg == null) {
            return; // e.g. RSASSA-PSS: needs parameters; the handshake will tell
        }
        byte[] probe = "ssewatch key check".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(probe);
        byte[] sig = s.sign();
        s.initVerify(pub);
        s.update(probe);
        if (!s.verify(sig)) {
            throw new GeneralSecurityException(config.privateKey() + " is not the key of the certificate in " + config.certificateChain());
        }
    }

    public SSLContext sslContext() throws GeneralSecurityException, IOException {
        char[] password = Tokens.generate().toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("ssewatch", key, password, chain.toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    X509Certificate certificate() {
        return chain.get(0);
    }

    /** The SHA-256 fingerprint of the server certificate, as browsers show it: {@code AB:CD:...}. */
    public String fingerprint() {
        return fingerprint(certificate());
    }

    static String fingerprint(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
