package nl.logius.platformacceptance.measure.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a client that trusts only a CA bundle makes of the chain a server presented: whether it leads to a
 * CA of the bundle (PKIX path building, so a missing intermediate or an unknown authority shows), whether
 * every certificate of it is valid now, whether the leaf is valid for the host name, and how long the
 * chain stays valid. Each problem is named; the check counts them.
 *
 * <p>Trust is judged apart from time (the path is built as of a moment when every presented certificate
 * was valid), so that an expired certificate counts once, as expired, and not also as an untrusted chain.
 *
 * @param chainProblems     why the chain does not lead to the bundle, or which certificates are not valid now
 * @param hostNameProblems  why the leaf is not valid for the host name
 * @param remainingValidity how long until the first certificate of the chain expires (negative: expired)
 * @param firstToExpire     the subject of that certificate
 * @param leafDnsNames      the host names the leaf is issued for
 */
public record CertificateChainInspection(List<String> chainProblems, List<String> hostNameProblems,
                                         Duration remainingValidity, String firstToExpire, List<String> leafDnsNames) {

    public static CertificateChainInspection inspect(List<X509Certificate> presented, List<X509Certificate> caBundle,
                                                     String hostName, Instant now) {
        if (presented.isEmpty()) {
            return new CertificateChainInspection(List.of("the server presented no certificate"),
                    List.of("no certificate for " + hostName), Duration.ZERO, "none", List.of());
        }
        X509Certificate leaf = presented.get(0);
        List<String> chainProblems = new ArrayList<>();
        trustProblem(leaf, presented, caBundle).ifPresent(chainProblems::add);
        for (X509Certificate certificate : presented) {
            validityProblem(certificate, now).ifPresent(chainProblems::add);
        }
        List<String> dnsNames = HostNames.dnsNames(leaf);
        List<String> hostNameProblems = HostNames.isValidFor(leaf, hostName) ? List.of()
                : List.of("the certificate is for " + (dnsNames.isEmpty() ? "no DNS name" : dnsNames) + ", not for " + hostName);
        X509Certificate firstToExpire = presented.stream()
                .min(Comparator.comparing(X509Certificate::getNotAfter)).orElse(leaf);
        Duration remaining = Duration.between(now, firstToExpire.getNotAfter().toInstant());
        return new CertificateChainInspection(chainProblems, hostNameProblems, remaining,
                firstToExpire.getSubjectX500Principal().getName(), dnsNames);
    }

    /** Remaining validity in days, fractional. */
    public double remainingValidityDays() {
        return remainingValidity.toMillis() / (double) Duration.ofDays(1).toMillis();
    }

    private static Optional<String> trustProblem(X509Certificate leaf, List<X509Certificate> presented,
                                                           List<X509Certificate> caBundle) {
        if (caBundle.isEmpty()) {
            return Optional.of("the CA bundle is empty: nothing to validate the chain against");
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate ca : caBundle) {
                anchors.add(new TrustAnchor(ca, null));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false); // no revocation service is reachable from a test network
            parameters.setDate(momentAllValid(presented));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(presented)));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            return result.getTrustAnchor() == null ? Optional.of("no path to a CA of the bundle")
                    : Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.of("no path from " + leaf.getSubjectX500Principal().getName() + " (issued by "
                    + leaf.getIssuerX500Principal().getName() + ") to a CA of the bundle: " + e.getMessage());
        }
    }

    /** The latest start of validity, when all presented certificates were valid at once; else now. */
    private static Date momentAllValid(List<X509Certificate> presented) {
        Date latestStart = presented.stream().map(X509Certificate::getNotBefore).max(Date::compareTo).orElseThrow();
        Date earliestEnd = presented.stream().map(X509Certificate::getNotAfter).min(Date::compareTo).orElseThrow();
        return latestStart.after(earliestEnd) ? new Date() : latestStart;
    }

    private static Optional<String> validityProblem(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
            return Optional.empty();
        } catch (CertificateExpiredException e) {
            return Optional.of(certificate.getSubjectX500Principal().getName() + " expired on "
                    + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            return Optional.of(certificate.getSubjectX500Principal().getName() + " is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
    }
}
