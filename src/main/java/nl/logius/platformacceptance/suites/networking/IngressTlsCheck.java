package nl.logius.platformacceptance.suites.networking;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.tls.CertificateChainInspection;
import nl.logius.platformacceptance.measure.tls.HostNames;
import nl.logius.platformacceptance.measure.tls.Pem;
import nl.logius.platformacceptance.measure.tls.TlsHandshake;
import nl.logius.platformacceptance.measure.tls.TlsVersionProbe;
import nl.logius.platformacceptance.platform.ExternalEndpoint;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.probe.IngressClient;
import nl.logius.platformacceptance.probe.IngressClient.HttpsAnswer;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * KP-NET-06 — Ingress TLS misconfigured.
 *
 * <p>The platform's external HTTPS endpoint MUST refuse every protocol version older than TLS 1.2 and MUST
 * present a chain that leads to a CA of the target's CA bundle, is valid for the endpoint's host name, and
 * stays valid for at least the criterion's number of days.
 *
 * <p>How it measures: the check publishes a probe workload through the platform's ingress and examines the
 * endpoint from the harness's side, as a client on the outside: one handshake per protocol version,
 * offering that version alone (SSL 3.0 to TLS 1.3); then the chain presented in the newest accepted
 * handshake is validated against the CA bundle the target gives (PKIX), matched against the host name
 * (subject alternative names, as browsers do), and its first expiry taken. Finally one request goes through
 * the endpoint with a client that trusts only the bundle, as evidence that the endpoint serves.
 *
 * <p>The local platform has no real ingress controller: its ingress is a TLS-terminating proxy of the
 * harness with a certificate authority made per platform; its injected fault misconfigures that proxy.
 */
@Verifies("KP-NET-06")
class IngressTlsCheck {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    @PlatformCheck
    void external_endpoint_speaks_only_current_tls_with_a_valid_certificate(Tenant tenant, Criterion criterion,
                                                                             Evidence evidence) {
        Workload web = evidence.step("Deploy probe as service 'web'", () -> tenant.deploy(WorkloadSpec.probe("web")));
        evidence.step("Wait until it is ready", () -> web.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY));
        ExternalEndpoint endpoint = evidence.step("Publish 'web' over HTTPS through the platform's ingress",
                () -> tenant.expose(web));
        evidence.note("endpoint " + endpoint + "; CA bundle: " + endpoint.caBundle().stream()
                .map(ca -> ca.getSubjectX500Principal().getName()).toList());
        evidence.attachText("CA bundle (PEM)", Pem.certificates(endpoint.caBundle()));

        List<String> versions = new ArrayList<>(TlsVersionProbe.WEAK_VERSIONS);
        versions.addAll(TlsVersionProbe.CURRENT_VERSIONS);
        List<TlsHandshake> handshakes = evidence.step("Offer each protocol version alone: " + versions,
                () -> TlsVersionProbe.probe(endpoint.hostName(), endpoint.connectHost(), endpoint.port(), versions, HANDSHAKE_TIMEOUT));
        evidence.attachText("handshakes", handshakes.stream().map(TlsHandshake::toString).collect(Collectors.joining("\n")));
        TlsHandshake newest = handshakes.stream().filter(TlsHandshake::accepted).reduce((first, second) -> second)
                .orElseThrow(() -> new PlatformException("the endpoint " + endpoint + " completed no TLS handshake at all ("
                        + handshakes.get(handshakes.size() - 1) + "), so its certificate cannot be examined"));

        List<X509Certificate> chain = newest.certificates();
        CertificateChainInspection inspection = evidence.step("Validate the chain presented in " + newest.negotiated()
                        + " against the CA bundle, for host " + endpoint.hostName(),
                () -> CertificateChainInspection.inspect(chain, endpoint.caBundle(), endpoint.hostName(), Instant.now()));
        evidence.attachText("presented chain", describe(chain) + "\n" + Pem.certificates(chain));
        HttpsAnswer answer = evidence.step("GET " + endpoint.url("/identity") + " trusting only the CA bundle",
                () -> new IngressClient(endpoint).get("/identity", REQUEST_TIMEOUT));
        evidence.note(answer.error() == null ? "the endpoint answered HTTP " + answer.status() + " from " + answer.instance()
                : "a client trusting only the CA bundle got no answer: " + answer.error());

        List<TlsHandshake> weakAccepted = handshakes.stream()
                .filter(h -> h.accepted() && TlsVersionProbe.WEAK_VERSIONS.contains(h.offered())).toList();
        criterion.check("weak-protocols-accepted", weakAccepted.size(), weakAccepted.isEmpty()
                ? "refused " + TlsVersionProbe.WEAK_VERSIONS + "; accepted " + acceptedVersions(handshakes)
                : "accepted " + weakAccepted.stream().map(h -> h.offered() + " (" + h.cipherSuite() + ")").toList());
        criterion.check("chain-errors", inspection.chainProblems().size(), inspection.chainProblems().isEmpty()
                ? "chain of " + chain.size() + " leads to the bundle" : String.join("; ", inspection.chainProblems()));
        criterion.check("hostname-errors", inspection.hostNameProblems().size(), inspection.hostNameProblems().isEmpty()
                ? "valid for " + endpoint.hostName() : String.join("; ", inspection.hostNameProblems()));
        criterion.check("remaining-validity", inspection.remainingValidityDays(), "first to expire: "
                + inspection.firstToExpire() + " on " + Instant.now().plus(inspection.remainingValidity()).toString().substring(0, 10));
    }

    private static List<String> acceptedVersions(List<TlsHandshake> handshakes) {
        return handshakes.stream().filter(TlsHandshake::accepted).map(TlsHandshake::offered).toList();
    }

    /** Subject, issuer, validity and names of each presented certificate: public facts, no key material. */
    private static String describe(List<X509Certificate> chain) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : chain) {
            text.append(String.format(Locale.ROOT, "subject %s%n  issuer %s%n  valid %s to %s%n  names %s%n",
                    certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                    HostNames.dnsNames(certificate)));
        }
        return text.toString();
    }
}
