package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.measure.tls.CertificateChainInspection;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The local CA's certificates, judged by the inspection the ingress check uses: each fault is seen alone. */
class LocalCertificateAuthorityTest {

    private static final String HOST = "ingress.platform-acceptance.test";
    private static final LocalCertificateAuthority CA = LocalCertificateAuthority.create("test");

    @Test
    void a_certificate_of_the_platform_authority_passes_every_test() {
        LocalCertificateAuthority.IssuedCertificate issued = CA.issue(HOST, Duration.ofDays(1), Duration.ofDays(90));

        CertificateChainInspection inspection = inspect(issued.chain());

        assertThat(inspection.chainProblems()).isEmpty();
        assertThat(inspection.hostNameProblems()).isEmpty();
        assertThat(inspection.remainingValidityDays()).isCloseTo(90, within(0.01));
        assertThat(inspection.leafDnsNames()).containsExactly(HOST);
        assertThat(issued.chain()).hasSize(2);
    }

    @Test
    void an_unknown_authority_is_one_chain_problem() {
        LocalCertificateAuthority.IssuedCertificate issued = LocalCertificateAuthority.create("rogue")
                .issue(HOST, Duration.ofDays(1), Duration.ofDays(90));

        CertificateChainInspection inspection = inspect(issued.chain());

        assertThat(inspection.chainProblems()).singleElement().asString().contains("no path from CN=" + HOST);
        assertThat(inspection.hostNameProblems()).isEmpty();
    }

    @Test
    void a_missing_intermediate_is_a_chain_problem() {
        LocalCertificateAuthority.IssuedCertificate issued = CA.issue(HOST, Duration.ofDays(1), Duration.ofDays(90));

        assertThat(inspect(List.of(issued.leaf())).chainProblems()).hasSize(1);
    }

    @Test
    void an_expired_certificate_counts_once_as_expired_and_its_validity_is_negative() {
        LocalCertificateAuthority.IssuedCertificate issued = CA.issue(HOST, Duration.ofDays(91), Duration.ofDays(-1));

        CertificateChainInspection inspection = inspect(issued.chain());

        assertThat(inspection.chainProblems()).singleElement().asString().contains("expired");
        assertThat(inspection.remainingValidityDays()).isCloseTo(-1, within(0.01));
    }

    @Test
    void a_certificate_for_another_host_is_a_host_name_problem_only() {
        LocalCertificateAuthority.IssuedCertificate issued = CA.issue("other.example", Duration.ofDays(1), Duration.ofDays(90));

        CertificateChainInspection inspection = inspect(issued.chain());

        assertThat(inspection.chainProblems()).isEmpty();
        assertThat(inspection.hostNameProblems()).singleElement().asString()
                .isEqualTo("the certificate is for [other.example], not for " + HOST);
    }

    @Test
    void the_first_certificate_to_expire_sets_the_remaining_validity() {
        LocalCertificateAuthority.IssuedCertificate issued = CA.issue(HOST, Duration.ofDays(83), Duration.ofDays(7));

        CertificateChainInspection inspection = inspect(issued.chain());

        assertThat(inspection.remainingValidityDays()).isCloseTo(7, within(0.01));
        assertThat(inspection.firstToExpire()).isEqualTo("CN=" + HOST);
    }

    @Test
    void the_pem_holds_every_certificate_in_order() {
        LocalCertificateAuthority.IssuedCertificate issued = CA.issue(HOST, Duration.ofDays(1), Duration.ofDays(90));

        assertThat(issued.chainPem()).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(issued.chainPem().split("BEGIN CERTIFICATE")).hasSize(3);
    }

    private static CertificateChainInspection inspect(List<X509Certificate> chain) {
        return CertificateChainInspection.inspect(chain, List.of(CA.root()), HOST, Instant.now());
    }
}
