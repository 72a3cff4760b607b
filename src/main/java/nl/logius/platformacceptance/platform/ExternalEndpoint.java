package nl.logius.platformacceptance.platform;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A workload's endpoint outside the platform, as a client on the outside reaches it: HTTPS for a host name,
 * and the certificate authorities that the target says its ingress certificates come from.
 *
 * <p>The host name and the address to connect to are apart because a test machine may not resolve the
 * host name itself: on Kubernetes both are the Ingress host (port 443); on the local platform the host name
 * is the target's ingress host and the connection goes to a published port on 127.0.0.1 (as
 * {@code curl --resolve} would).
 *
 * @param hostName    the name clients ask for (TLS SNI, {@code Host:}) and the certificate must be valid for
 * @param connectHost where to open the TCP connection
 * @param port        the TCP port
 * @param caBundle    the CA certificates to trust, from the target profile's {@code ingress.caBundle} (local:
 *                    the platform's own certificate authority)
 */
public record ExternalEndpoint(String hostName, String connectHost, int port, List<X509Certificate> caBundle) {

    public ExternalEndpoint {
        caBundle = List.copyOf(caBundle);
    }

    /** {@code https://<host name>:<port><path>}. */
    public String url(String path) {
        return "https://" + hostName + ":" + port + path;
    }

    @Override
    public String toString() {
        return hostName + ":" + port + (connectHost.equals(hostName) ? "" : " (via " + connectHost + ")");
    }
}
