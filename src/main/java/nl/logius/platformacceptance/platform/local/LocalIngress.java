package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.probe.workload.ProbeMain;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local platform's HTTPS ingress: for the target's ingress host name, a certificate authority of the
 * platform's own (made once, when the first endpoint is published) and, per published workload, a network
 * element that terminates TLS with a server certificate from it, offering TLS 1.2 and 1.3 only.
 *
 * <p>Misconfigured ({@link LocalInjection#INGRESS_TLS_MISCONFIGURED}), the element shows every fault of
 * KP-NET-06 at once: it also offers TLS 1.0 and 1.1, and presents a certificate of an authority that is not
 * in the bundle, for another host name, that expires within days.
 */
final class LocalIngress {

    static final Duration READY_DEADLINE = Duration.ofSeconds(60);
    static final Duration SERVER_CERTIFICATE_VALIDITY = Duration.ofDays(90);
    static final String MODERN_PROTOCOLS = "TLSv1.2,TLSv1.3";

    static final String MISCONFIGURED_HOST_NAME = "unrelated.invalid";
    static final Duration MISCONFIGURED_REMAINING_VALIDITY = Duration.ofDays(7);
    static final String MISCONFIGURED_PROTOCOLS = "TLSv1,TLSv1.1,TLSv1.2,TLSv1.3";

    private static final String TLS_DIR = "tls";

    private final String hostName;
    private LocalCertificateAuthority authority;

    LocalIngress(String hostName) {
        this.hostName = hostName;
    }

    String hostName() {
        return hostName;
    }

    /** The root of the platform's authority: what the checks are given to trust. */
    synchronized X509Certificate caBundle() {
        return authority().root();
    }

    /** Starts the ingress element of one workload; the caller waits for it to be healthy. */
    LocalNetworkElement start(LocalTenant tenant, Workload workload, boolean misconfigured) {
        LocalCertificateAuthority.IssuedCertificate certificate = misconfigured
                ? LocalCertificateAuthority.create("unknown authority")
                        .issue(MISCONFIGURED_HOST_NAME, SERVER_CERTIFICATE_VALIDITY.minus(MISCONFIGURED_REMAINING_VALIDITY),
                                MISCONFIGURED_REMAINING_VALIDITY)
                : authority().issue(hostName, Duration.ofDays(1), SERVER_CERTIFICATE_VALIDITY);
        List<String> environment = List.of("PROBE_TLS_DIR=/" + TLS_DIR,
                "PROBE_TLS_PROTOCOLS=" + (misconfigured ? MISCONFIGURED_PROTOCOLS : MODERN_PROTOCOLS));
        Map<String, byte[]> files = Map.of(
                TLS_DIR + "/key.der", certificate.keyPkcs8(),
                TLS_DIR + "/chain.pem", certificate.chainPem().getBytes(StandardCharsets.US_ASCII));
        return LocalNetworkElement.start(tenant, workload.name() + "--ingress", null,
                workload.serviceName() + ":" + workload.servicePort(), ProbeMain.INGRESS_PORT, environment, true, files);
    }

    private synchronized LocalCertificateAuthority authority() {
        if (authority == null) {
            authority = LocalCertificateAuthority.create("platform-acceptance local platform");
        }
        return authority;
    }
}
