package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.specification.RequestSpecification;
import nl.logius.platformacceptance.measure.tls.Pem;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.ProbeTransport;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;

/**
 * The harness's way to a probe on a cluster: the API server's pod proxy
 * ({@code /api/v1/namespaces/NS/pods/POD:8081/proxy/...}, the {@code pods/proxy} right of a namespace editor),
 * with the client's own credentials (a bearer token, or the kubeconfig's client certificate) and the API server's
 * CA. Never a port-forward or an exec: every measurement is a plain HTTP request that REST Assured and the Allure
 * filter see, and the {@code Authorization} header is masked in the evidence ({@link nl.logius.platformacceptance.target.SecretMasking}).
 */
final class PodProxyTransport implements ProbeTransport {

    private final ApiServer api;
    private final String namespace;
    private final String pod;
    private final int port;

    PodProxyTransport(ApiServer api, String namespace, String pod, int port) {
        this.api = api;
        this.namespace = namespace;
        this.pod = pod;
        this.port = port;
    }

    @Override
    public RequestSpecification request(RestAssuredConfig config) {
        Config client = api.config();
        RequestSpecification request = RestAssured.given().config(config.sslConfig(ssl(client)))
                .baseUri(api.url().toString())
                .basePath("/api/v1/namespaces/" + namespace + "/pods/" + pod + ":" + port + "/proxy")
                .urlEncodingEnabled(true);
        String token = token(client);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    @Override
    public String describe() {
        return "the API server's pod proxy of " + namespace + "/" + pod + ":" + port + " (" + api.url() + ")";
    }

    private static String token(Config client) {
        if (client.getOauthTokenProvider() != null) {
            return client.getOauthTokenProvider().getToken();
        }
        return client.getAutoOAuthToken() != null ? client.getAutoOAuthToken() : client.getOauthToken();
    }

    /** Trust the API server's CA (the profile's, else the kubeconfig's); present the kubeconfig's client certificate. */
    private static SSLConfig ssl(Config client) {
        if (client.isTrustCerts()) {
            // the kubeconfig says insecure-skip-tls-verify; the operator chose it, the pod proxy follows the client
            return SSLConfig.sslConfig().relaxedHTTPSValidation();
        }
        KeyStore trust = certificates(pem(client.getCaCertFile(), client.getCaCertData()));
        byte[] certificate = pem(client.getClientCertFile(), client.getClientCertData());
        byte[] key = pem(client.getClientKeyFile(), client.getClientKeyData());
        if (certificate != null && key != null) {
            try {
                return SSLConfig.sslConfig().sslSocketFactory(new org.apache.http.conn.ssl.SSLSocketFactory(
                        clientKeyStore(certificate, key), "", trust));
            } catch (GeneralSecurityException e) {
                throw new PlatformException("cannot use the kubeconfig's client certificate (" + e.getMessage() + ")", e);
            }
        }
        return trust == null ? SSLConfig.sslConfig() : SSLConfig.sslConfig().trustStore(trust);
    }

    /** The PEM bytes of a file, or of base64 data as a kubeconfig holds them; null when neither is given. */
    private static byte[] pem(String file, String base64Data) {
        try {
            if (file != null && !file.isBlank()) {
                return Files.readAllBytes(Path.of(file));
            }
            return base64Data == null || base64Data.isBlank() ? null : Base64.getDecoder().decode(base64Data.strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new PlatformException("cannot read the API server's credentials (" + e.getMessage() + ")", e);
        }
    }

    private static KeyStore certificates(byte[] pem) {
        if (pem == null) {
            return null;
        }
        try {
            return Pem.trustStore(Pem.readCertificates(new String(pem, java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new PlatformException("cannot read the API server's CA bundle (" + e.getMessage() + ")", e);
        }
    }

    private static KeyStore clientKeyStore(byte[] certificatePem, byte[] keyPem) {
        try (PEMParser parser = new PEMParser(new StringReader(new String(keyPem, StandardCharsets.US_ASCII)));
             InputStream certificates = new ByteArrayInputStream(certificatePem)) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey key = parsed instanceof PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((PrivateKeyInfo) parsed);
            Certificate[] chain = CertificateFactory.getInstance("X.509").generateCertificates(certificates)
                    .toArray(Certificate[]::new);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, new char[0], chain);
            return store;
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new PlatformException("cannot read the kubeconfig's client certificate and key (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }
}
