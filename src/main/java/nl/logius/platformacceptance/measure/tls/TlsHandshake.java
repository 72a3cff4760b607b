package nl.logius.platformacceptance.measure.tls;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One TLS handshake in which the client offered a single protocol version.
 *
 * @param offered     the version offered, e.g. {@code TLSv1}
 * @param accepted    whether the server completed the handshake
 * @param negotiated  the version agreed (equals {@code offered} when accepted)
 * @param cipherSuite the cipher suite agreed
 * @param chain       the certificates the server presented, DER in Base64, leaf first
 * @param error       why the handshake did not complete (an alert, a reset), when it did not
 */
public record TlsHandshake(String offered, boolean accepted, String negotiated, String cipherSuite, List<String> chain,
                           String error) {

    public TlsHandshake {
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    /** The presented chain as certificates. */
    public List<X509Certificate> certificates() {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (String der : chain) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(der))));
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalStateException("the presented chain cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return offered + (accepted ? " accepted (" + cipherSuite + ")" : " refused (" + error + ")");
    }
}
