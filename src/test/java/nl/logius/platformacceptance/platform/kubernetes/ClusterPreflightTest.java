package nl.logius.platformacceptance.platform.kubernetes;

import nl.logius.platformacceptance.cli.CommandLineRun;
import nl.logius.platformacceptance.cli.PlatformAcceptance;
import nl.logius.platformacceptance.platform.Ownership;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Preflight against the mock API server ({@link MockCluster}), whose authorizer stand-in denies the tenant the rights
 * to create NetworkPolicies and Ingresses: those rights are missing, the tests that would need them are not tried
 * (UNVERIFIED), and the command names the checks that need them and exits 3. The probe pair runs (real probe
 * processes), its claims are bound by the volume binder stand-in, and nothing of it is left afterwards.
 */
class ClusterPreflightTest {

    private static MockCluster cluster;
    private static Path profile;

    @BeforeAll
    static void aClusterThatDeniesNetworkPoliciesAndIngresses() {
        cluster = new MockCluster(List.of("zone-a", "zone-b"));
        cluster.authorizer().deny("create", "networkpolicies");
        cluster.authorizer().deny("create", "ingresses");
        profile = cluster.profile("preflight", List.of());
    }

    @AfterAll
    static void close() {
        cluster.close();
    }

    @Test
    void names_what_is_present_missing_or_unverifiable_with_the_checks_that_need_it_and_exits_3() {
        CommandLineRun.Result result = CommandLineRun.execute(List.of("preflight", "--target", profile.toString()));
        String output = result.out();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(PlatformAcceptance.EXIT_INCONCLUSIVE);
        assertThat(output).contains("PRESENT    API server answers", "PRESENT    right: get, create pods/proxy",
                        "PRESENT    zones (two or more for the zone checks)", "PRESENT    probe image pulled by digest",
                        "PRESENT    volume of access mode ReadWriteOnce bound", "PRESENT    volume of access mode ReadWriteMany bound",
                        "MISSING    right: create, get, list, delete ingresses.networking.k8s.io",
                        "UNVERIFIED network policies enforced", "UNVERIFIED ingress answers over TLS")
                .contains("MISSING    right: create, list, delete networkpolicies.networking.k8s.io")
                .containsPattern("needed by 1 check\\(s\\): ZoneLossCheck\\.")
                .containsPattern("needed by 1 check\\(s\\): IngressTlsCheck\\.")
                .contains("capabilities missing or not verifiable");
        assertThat(cluster.admin().namespaces().withLabel(Ownership.RUN_LABEL).list().getItems())
                .as("the probe pair's tenant is removed").isEmpty();
    }
}
