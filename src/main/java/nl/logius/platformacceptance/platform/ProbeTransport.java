package nl.logius.platformacceptance.platform;

import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

/**
 * How the harness reaches the probe in one instance, supplied by the driver (local: a port published on
 * 127.0.0.1; Kubernetes: the API server's pod proxy, with the client's credentials and the cluster's CA).
 * The {@link ProbeClient} still speaks REST Assured through it, with the evidence filter and secret
 * masking of its own, so every request a verdict rests on is in the evidence whatever the platform.
 */
public interface ProbeTransport {

    /**
     * A request specification aimed at the probe's control API: base URI (and base path, for a proxy),
     * credentials and trust set, on top of {@code config} (timeouts, masking), which the transport may extend
     * but not replace.
     *
     * @throws PlatformException when the probe cannot be reached now (its instance stopped, has no address)
     */
    RequestSpecification request(RestAssuredConfig config);

    /** How the probe is reached, for people: {@code 127.0.0.1:32771} or {@code pod proxy of pa-1/web-7c9f}. */
    String describe();
}
