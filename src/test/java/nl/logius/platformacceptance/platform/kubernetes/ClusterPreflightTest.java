package nl.logius.platformacceptance.platform.kubernetes;

import nl.logius.platformacceptance.cli.CommandLineRun;
import nl.logius.platformacceptance.cli.PlatformAcceptance;
import nl.logius.platformacceptance.platform.Capability;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformDrivers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
    void finds_what_is_present_what_is_missing_and_what_it_cannot_judge() {
        List<Capability> found;
        try (Platform platform = PlatformDrivers.forTarget(cluster.target("preflight", List.of()), List.of())) {
            found = platform.capabilities();
        }
        Map<String, Capability.Status> status = found.stream().collect(Collectors.toMap(Capability::name, Capability::status));

        assertThat(status).containsEntry("API server answers", Capability.Status.PRESENT)
                .containsEntry("right: create, list, delete networkpolicies.networking.k8s.io", Capability.Status.MISSING)
                .containsEntry("right: create, get, list, delete ingresses.networking.k8s.io", Capability.Status.MISSING)
                .containsEntry("right: get, create pods/proxy", Capability.Status.PRESENT)
                .containsEntry("zones (two or more for the zone checks)", Capability.Status.PRESENT)
                .containsEntry("probe image pulled by digest", Capability.Status.PRESENT)
                .containsEntry("volume of access mode ReadWriteOnce bound", Capability.Status.PRESENT)
                .containsEntry("volume of access mode ReadWriteMany bound", Capability.Status.PRESENT)
                .containsEntry("network policies enforced", Capability.Status.UNVERIFIED)
                .containsEntry("ingress answers over TLS", Capability.Status.UNVERIFIED);
        assertThat(cluster.admin().namespaces().withLabel(Ownership.RUN_LABEL).list().getItems())
                .as("the probe pair's tenant is removed").isEmpty();
    }

    @Test
    void the_command_names_the_checks_that_need_a_missing_capability_and_exits_3() {
        CommandLineRun.Result result = CommandLineRun.execute(List.of("preflight", "--target", profile.toString()));
        String output = result.out();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(PlatformAcceptance.EXIT_INCONCLUSIVE);
        assertThat(output).contains("MISSING    right: create, list, delete networkpolicies.networking.k8s.io")
                .containsPattern("needed by 1 check\\(s\\): ZoneLossCheck\\.")
                .containsPattern("needed by 1 check\\(s\\): IngressTlsCheck\\.")
                .contains("capabilities missing or not verifiable");
    }
}
