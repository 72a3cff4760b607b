package nl.logius.platformacceptance.probe;

import io.qameta.allure.restassured.AllureRestAssured;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.response.Response;
import nl.logius.platformacceptance.measure.tls.Pem;
import nl.logius.platformacceptance.platform.ExternalEndpoint;
import org.apache.http.conn.DnsResolver;
import org.apache.http.conn.scheme.SchemeRegistry;
import org.apache.http.impl.conn.PoolingClientConnectionManager;
import org.apache.http.impl.conn.SchemeRegistryFactory;
import org.apache.http.impl.conn.SystemDefaultDnsResolver;
import org.apache.http.impl.client.DefaultHttpClient;

import java.net.InetAddress;
import java.security.KeyStore;
import java.time.Duration;

/**
 * The probe as a client on the outside reaches it: HTTPS through an {@link ExternalEndpoint}, trusting only
 * the endpoint's CA bundle and verifying the host name strictly, as a browser would. Requests go through
 * REST Assured with the Allure filter, so they are in the evidence. The connection goes to the endpoint's
 * connect address while the host name is what TLS and HTTP see (as {@code curl --resolve} does).
 *
 * <p>Returns what happened, including a refused handshake; it asserts nothing.
 */
public final class IngressClient {

    private final ExternalEndpoint endpoint;

    public IngressClient(ExternalEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * One GET through the endpoint.
     *
     * @return the answer, or the error that prevented one (e.g. the certificate was not trusted)
     */
    public HttpsAnswer get(String path, Duration timeout) {
        try {
            Response response = RestAssured.given().config(config(timeout))
                    .baseUri("https://" + endpoint.hostName()).port(endpoint.port())
                    .filter(new AllureRestAssured())
                    .get(path);
            return new HttpsAnswer(endpoint.url(path), response.statusCode(), response.getHeader("X-Probe-Instance"), null);
        } catch (Exception e) { // REST Assured (Groovy) also throws checked I/O exceptions undeclared
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return new HttpsAnswer(endpoint.url(path), 0, null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private RestAssuredConfig config(Duration timeout) {
        DnsResolver resolver = host -> host.equalsIgnoreCase(endpoint.hostName())
                ? InetAddress.getAllByName(endpoint.connectHost()) : SystemDefaultDnsResolver.INSTANCE.resolve(host);
        SchemeRegistry schemes = SchemeRegistryFactory.createDefault();
        return RestAssured.config()
                .sslConfig(SSLConfig.sslConfig().trustStore(trustStore()))
                .httpClient(HttpClientConfig.httpClientConfig()
                        .httpClientFactory(() -> new DefaultHttpClient(new PoolingClientConnectionManager(schemes, resolver)))
                        .setParam("http.connection.timeout", (int) timeout.toMillis())
                        .setParam("http.socket.timeout", (int) timeout.toMillis()));
    }

    private KeyStore trustStore() {
        return Pem.trustStore(endpoint.caBundle());
    }

    /**
     * What came back through the endpoint.
     *
     * @param status   the HTTP status, or 0 when no answer came
     * @param instance the probe instance that answered
     * @param error    why no answer came, if none did
     */
    public record HttpsAnswer(String url, int status, String instance, String error) {
    }
}
