package org.ssewatch.web.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {
    private static List<Object> altNames(X509Certificate c) throws Exception {
        List<Object> out = new ArrayList<>();
        for (List<?> n : c.getSubjectAlternativeNames()) {
            out.add(n.get(1));
        }
        return out;
    }

    @Test
    void itNamesEveryReachableHostAndLocalhostAndServesOnlyAsATlsServer() throws Exception {
        KeyPair keys = SelfSignedCertificate.newKeyPair();
        X509Certificate c = SelfSignedCertificate.create(keys, List.of("buildhost", "192.168.1.20", "[fd00::7]"), 365);
        assertEquals(3, c.getVersion());
        assertEquals("CN=ssewatch", c.getSubjectX500Principal().getName());
        assertEquals("SHA256withECDSA", c.getSigAlgName());
        assertEquals(List.of("buildhost", "192.168.1.20", "fd00:0:0:0:0:0:0:7", "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1"), altNames(c));
        assertEquals(-1, c.getBasicConstraints(), "not a CA");
        assertTrue(c.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), c.getExtendedKeyUsage());
        assertTrue(c.getCriticalExtensionOIDs().contains("2.5.29.19"));
        assertTrue(c.getNotBefore().getTime() < System.currentTimeMillis());
        assertTrue(c.getNotAfter().getTime() > System.currentTimeMillis() + 364L * 86_400_000);
        c.verify(keys.getPublic());
        assertTrue(c.getSerialNumber().signum() > 0);
    }

    @Test
    void rsaKeysGetAnRsaSignatureAndKeyEncipherment() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        X509Certificate c = SelfSignedCertificate.create(keys, List.of(), 1);
        assertEquals("SHA256withRSA", c.getSigAlgName());
        assertTrue(c.getKeyUsage()[2], "keyEncipherment");
        c.verify(keys.getPublic());
    }

    @Test
    void validityPast2049IsAGeneralizedTime() throws Exception {
        X509Certificate c = SelfSignedCertificate.create(SelfSignedCertificate.newKeyPair(), List.of(), 365 * 40);
        assertTrue(c.getNotAfter().toInstant().atZone(java.time.ZoneOffset.UTC).getYear() > 2050);
    }

    @Test
    void derLengthsOfEveryFormEncodeCorrectly() {
        assertEquals(2 + 127, Der.tlv(Der.OCTET_STRING, new byte[127]).length);
        assertEquals(0x81, Der.tlv(Der.OCTET_STRING, new byte[128])[1] & 0xff);
        assertEquals(0x82, Der.tlv(Der.OCTET_STRING, new byte[300])[1] & 0xff);
        assertEquals(List.of(6, 3, 0x55, 0x1d, 0x11), toList(Der.oid("2.5.29.17")));
        assertEquals(List.of(6, 8, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04), toList(java.util.Arrays.copyOf(Der.oid("1.2.840.10045.4.3.2"), 8)));
    }

    private static List<Integer> toList(byte[] b) {
        List<Integer> out = new ArrayList<>();
        for (byte x : b) {
            out.add(x & 0xff);
        }
        return out;
    }
}
