package nl.logius.platformacceptance.platform.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.logius.platformacceptance.cli.CommandLineRun;
import nl.logius.platformacceptance.cli.PlatformAcceptance;
import nl.logius.platformacceptance.platform.Ownership;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Preflight against the mock API server ({@link MockCluster}), whose authorizer stand-in denies the tenant the rights
 * to create NetworkPolicies and Ingresses: those rights are missing, the tests that would need them are not tried
 * (UNVERIFIED), and the command names the checks that need them and exits 3. The probe pair runs (real probe
 * processes), its claims are bound by the volume binder stand-in, and nothing of it is left afterwards. A run
 * against the same cluster records what it found in its provenance and skips the zone-loss check, which needs the
 * missing right, before it deploys anything: KP-FO-02 INCONCLUSIVE, never FAILING or RESOLVED.
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

    @Test
    void a_run_records_the_capabilities_it_found_and_skips_the_check_whose_capability_is_missing(@TempDir Path reports)
            throws Exception {
        CommandLineRun.Result result = CommandLineRun.execute(List.of("run", "--target", profile.toString(), "--knelpunt",
                "KP-FO-02", "--release", "mock-capabilities", "--out", reports.toString()));

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(PlatformAcceptance.EXIT_INCONCLUSIVE);
        Path runFolder;
        try (var runs = Files.list(reports.resolve("mock-capabilities"))) {
            runFolder = runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode verdicts = new ObjectMapper().readTree(runFolder.resolve("verdicts.json").toFile());
        JsonNode zoneLoss = java.util.stream.StreamSupport.stream(verdicts.get("knelpunten").spliterator(), false)
                .filter(knelpunt -> knelpunt.get("id").asText().equals("KP-FO-02")).findFirst().orElseThrow();
        assertThat(zoneLoss.get("verdict").asText()).as("never FAILING, never RESOLVED").isEqualTo("INCONCLUSIVE");
        assertThat(zoneLoss.get("reason").asText()).contains("lacks a capability the check needs", "networkpolicies");
        assertThat(zoneLoss.toString()).as("skipped before it deployed anything").doesNotContain("evidence/");
        assertThat(verdicts.at("/provenance/capabilities").toString())
                .contains("\"status\":\"MISSING\"", "networkpolicies", "API server answers");
        assertThat(Files.readString(runFolder.resolve("knelpunten.md")))
                .contains("Capabilities found at the start", "**MISSING** (", "networkpolicies");
        assertThat(cluster.admin().namespaces().withLabel(Ownership.RUN_LABEL).list().getItems())
                .as("nothing of the run is left").isEmpty();
    }
}
