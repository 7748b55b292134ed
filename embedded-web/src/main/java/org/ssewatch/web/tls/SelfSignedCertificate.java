package org.ssewatch.web.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An ephemeral self-signed X.509 v3 certificate, encoded by hand in DER and signed with the JDK's
 * {@link Signature}: the JDK has no public API to make certificates, and this needs neither
 * BouncyCastle nor internal {@code sun.security} classes nor a {@code keytool} process and a
 * temporary key store. The result is parsed back with {@link CertificateFactory} and its signature
 * verified, so a bad encoding fails at start-up, not in a browser.
 *
 * <p>Subject and issuer are {@code CN=ssewatch}; the subject alternative names list every host
 * name and address given plus localhost; it is not a CA and may only authenticate TLS servers.
 */
final class SelfSignedCertificate {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private SelfSignedCertificate() {
    }

    /** A new ECDSA P-256 key pair. */
    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A certificate for {@code keys} (EC or RSA), valid from a day ago for {@code days} days. */
    static X509Certificate create(KeyPair keys, Collection<String> hosts, int days) throws GeneralSecurityException {
        boolean ec = keys.getPublic().getAlgorithm().equals("EC");
        String sigName = ec ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] sigAlg = ec ? Der.sequence(Der.oid("1.2.840.10045.4.3.2"))
                : Der.sequence(Der.oid("1.2.840.113549.1.1.11"), Der.tlv(Der.NULL));
        byte[] name = Der.sequence(Der.tlv(Der.SET, Der.sequence(Der.oid("2.5.4.3"), Der.utf8("ssewatch"))));
        Instant now = Instant.now();
        byte[] tbs = Der.sequence(
                Der.tlv(0xa0, Der.integer(BigInteger.TWO)), // v3
                Der.integer(new BigInteger(127, new SecureRandom()).setBit(126)),
                sigAlg,
                name,
                Der.sequence(time(now.minusSeconds(86_400)), time(now.plusSeconds(86_400L * days))),
                name,
                keys.getPublic().getEncoded(),
                Der.tlv(0xa3, Der.sequence(
                        extension("2.5.29.19", true, Der.sequence()), // basicConstraints: not a CA
                        extension("2.5.29.15", true, Der.tlv(Der.BIT_STRING, ec ? new byte[] {7, (byte) 0x80} : new byte[] {5, (byte) 0xa0})),
                        extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))), // serverAuth
                        extension("2.5.29.17", false, subjectAltNames(hosts)))));
        Signature signer = Signature.getInstance(sigName);
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] der = Der.sequence(tbs, sigAlg, Der.bitString(signer.sign()));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        cert.verify(keys.getPublic());
        cert.checkValidity();
        return cert;
    }

    /** {@code hosts} with localhost and the loopback addresses added, without duplicates. */
    static List<String> withLoopback(Collection<String> hosts) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (String h : hosts) {
            all.add(h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h);
        }
        all.add("localhost");
        all.add("127.0.0.1");
        all.add("::1");
        return new ArrayList<>(all);
    }

    private static byte[] subjectAltNames(Collection<String> hosts) throws GeneralSecurityException {
        List<byte[]> names = new ArrayList<>();
        for (String h : withLoopback(hosts)) {
            if (IPV4.matcher(h).matches() || h.indexOf(':') >= 0) {
                try {
                    names.add(Der.tlv(0x87, InetAddress.getByName(h).getAddress())); // iPAddress
                } catch (UnknownHostException e) {
                    throw new GeneralSecurityException("not an IP address: " + h, e);
                }
            } else if (h.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                names.add(Der.tlv(0x82, h.getBytes(java.nio.charset.StandardCharsets.US_ASCII))); // dNSName
            }
        }
        return Der.sequence(names.toArray(byte[][]::new));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.tlv(Der.BOOLEAN, new byte[] {(byte) 0xff}), Der.tlv(Der.OCTET_STRING, value))
                : Der.sequence(Der.oid(oid), Der.tlv(Der.OCTET_STRING, value));
    }

    /** UTCTime until 2049, GeneralizedTime from 2050, as RFC 5280 requires. */
    private static byte[] time(Instant t) {
        boolean utc = t.atZone(ZoneOffset.UTC).getYear() < 2050;
        String s = (utc ? UTC_TIME : GENERALIZED_TIME).format(t);
        return Der.tlv(utc ? Der.UTC_TIME : Der.GENERALIZED_TIME, s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
