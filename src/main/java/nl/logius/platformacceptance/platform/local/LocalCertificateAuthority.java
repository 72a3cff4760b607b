package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.measure.tls.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The local platform's own certificate authority, made once per platform: a root (the CA bundle the checks
 * are given, as a real target's profile names its CA bundle) and an intermediate that issues the ingress's
 * server certificates, so that the ingress presents a chain as a real one does (leaf and intermediate).
 * Certificates are made with Bouncy Castle; keys are EC P-256, which every TLS version from 1.0 can use
 * (ECDHE-ECDSA suites) and which take milliseconds to make, where RSA keys take seconds on a busy machine.
 *
 * <pre>{@code
 * LocalCertificateAuthority ca = LocalCertificateAuthority.create("platform-acceptance local CA");
 * IssuedCertificate server = ca.issue("ingress.platform-acceptance.test", Duration.ofDays(1), Duration.ofDays(90));
 * }</pre>
 */
final class LocalCertificateAuthority {

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** Authorities exist well before the certificates they issue, as real ones do. */
    private static final Duration CA_AGE = Duration.ofDays(365);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate root;
    private final KeyPair intermediateKey;
    private final X509Certificate intermediate;

    private LocalCertificateAuthority(X509Certificate root, KeyPair intermediateKey, X509Certificate intermediate) {
        this.root = root;
        this.intermediateKey = intermediateKey;
        this.intermediate = intermediate;
    }

    /** A new root and intermediate; the root's private key is dropped once it has signed the intermediate. */
    static LocalCertificateAuthority create(String name) {
        try {
            Instant now = Instant.now();
            KeyPair rootKey = newKey();
            X500Name rootName = new X500Name("CN=" + name + " root");
            X509Certificate root = sign(rootName, rootName, rootKey, rootKey.getPrivate(), null,
                    now.minus(CA_AGE), now.plus(CA_VALIDITY), true, null);
            KeyPair intermediateKey = newKey();
            X509Certificate intermediate = sign(new X500Name("CN=" + name + " intermediate"), rootName, intermediateKey,
                    rootKey.getPrivate(), root, now.minus(CA_AGE), now.plus(CA_VALIDITY), true, null);
            return new LocalCertificateAuthority(root, intermediateKey, intermediate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the local certificate authority: " + e.getMessage(), e);
        }
    }

    /** The root certificate: the CA bundle of the local platform. */
    X509Certificate root() {
        return root;
    }

    /**
     * A server certificate for {@code hostName}, valid from {@code age} ago until {@code remaining} from now,
     * with its chain (leaf, intermediate).
     */
    IssuedCertificate issue(String hostName, Duration age, Duration remaining) {
        try {
            Instant now = Instant.now();
            KeyPair key = newKey();
            X509Certificate leaf = sign(new X500Name("CN=" + hostName), X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()),
                    key, intermediateKey.getPrivate(), intermediate, now.minus(age), now.plus(remaining), false, hostName);
            return new IssuedCertificate(key.getPrivate(), List.of(leaf, intermediate));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + hostName + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X500Name subject, X500Name issuer, KeyPair subjectKey, PrivateKey issuerKey,
                                        X509Certificate issuerCertificate, Instant notBefore, Instant notAfter,
                                        boolean authority, String hostName)
            throws GeneralSecurityException, OperatorCreationException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(notBefore), Date.from(notAfter), subject, subjectKey.getPublic());
        try {
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, issuerCertificate == null
                    ? extensions.createAuthorityKeyIdentifier(subjectKey.getPublic())
                    : extensions.createAuthorityKeyIdentifier(issuerCertificate));
            if (authority) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                // An address (a registry on 127.0.0.1) is named as one: TLS clients match an IP only against an IP entry.
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(
                        hostName.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? GeneralName.iPAddress : GeneralName.dNSName, hostName)));
            }
        } catch (org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException(e);
        }
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(issuerKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    /**
     * A server certificate with its private key and the chain to present (leaf first).
     *
     * @param key   the leaf's private key (goes only into the ingress instance, never into evidence)
     * @param chain leaf, then intermediate
     */
    record IssuedCertificate(PrivateKey key, List<X509Certificate> chain) {

        X509Certificate leaf() {
            return chain.get(0);
        }

        /** The key as PKCS#8 DER, the form the probe reads. */
        byte[] keyPkcs8() {
            return key.getEncoded();
        }

        String chainPem() {
            return Pem.certificates(chain);
        }

        @Override
        public String toString() {
            return "certificate for " + leaf().getSubjectX500Principal().getName();
        }
    }
}
