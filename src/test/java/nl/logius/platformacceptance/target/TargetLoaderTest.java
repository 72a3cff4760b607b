package nl.logius.platformacceptance.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import org.junit.jupiter.api.Test;

class TargetLoaderTest {

    private static final Register REGISTER = RegisterLoader.load(Path.of("suites/knelpunten.yaml"));

    @Test
    void the_local_target_loads() {
        Path file = Path.of("suites/targets/local.yaml");

        Target local = TargetLoader.load(file, REGISTER);

        assertThat(local.source()).isEqualTo(file);
        assertThat(local.name()).isEqualTo("local");
        assertThat(local.kind()).isEqualTo(PlatformKind.LOCAL);
        assertThat(local.isLocal()).isTrue();
        assertThat(local.release()).isEqualTo("local-dev");
        assertThat(local.zones()).containsExactly("zone-a", "zone-b");
        assertThat(local.runDeadline()).isEqualTo(Duration.ofMinutes(20));
        assertThat(local.ingress()).isEqualTo(new Target.Ingress("ingress.platform-acceptance.test", null));
        assertThat(local.kubernetes()).isNull();
        assertThat(local.thresholdOverrides()).isEmpty();
        assertThat(local.secrets()).isEmpty();
        assertThat(local.registry()).isNull();
        assertThat(local.proxy()).isNull();
        assertThat(local.probeImage()).isNull();
        assertThat(local.description()).isNotBlank();
    }

    @Test
    void the_example_lpc_target_loads_with_its_ca_bundle_override_and_secret() throws Exception {
        Path file = Path.of("suites/targets/lpc-example.yaml");

        Target lpc = TargetLoader.load(file, REGISTER);

        assertThat(lpc.kind()).isEqualTo(PlatformKind.KUBERNETES);
        SecretRef token = new SecretRef("api-token", "LPC_TOKEN", null, file + ":32:20");
        assertThat(lpc.kubernetes()).isEqualTo(new Target.Kubernetes(java.net.URI.create("https://api.lpc.example:6443"),
                Path.of("suites/targets/lpc-example-ca.pem"), null, token, "pa", List.of(),
                new Target.StorageClasses("standard", "cephfs"), 1001L));
        assertThat(lpc.kubernetes().fixedNamespaces()).isFalse();
        assertThat(lpc.ingress()).isEqualTo(new Target.Ingress(null, Path.of("suites/targets/lpc-example-ca.pem"),
                Target.IngressKind.INGRESS, "apps.lpc.example"));
        assertThat(lpc.ingress().hostFor("web", "pa-1a2b-net06")).isEqualTo("web-pa-1a2b-net06.apps.lpc.example");
        assertThat(Files.readString(lpc.ingress().caBundle())).contains("-----BEGIN CERTIFICATE-----");
        assertThat(lpc.thresholdOverrides()).isEqualTo(Map.of("KP-STO-04", Map.of("sequential-write-throughput", 100d)));
        assertThat(lpc.secrets()).containsOnlyKeys("api-token", "registry-robot");
        assertThat(lpc.secrets().get("api-token")).isEqualTo(token);
        assertThat(lpc.runDeadline()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void the_example_lpc_target_names_its_registry_proxy_and_probe_image_by_digest() {
        Target lpc = TargetLoader.load(Path.of("suites/targets/lpc-example.yaml"), REGISTER);

        assertThat(lpc.registry().imageName()).isEqualTo("harbor.lpc.example/platform-acceptance/probe");
        assertThat(lpc.registry().caBundle()).isEqualTo(Path.of("suites/targets/lpc-example-ca.pem"));
        assertThat(lpc.registry().credentials()).isEqualTo(lpc.secrets().get("registry-robot"));
        assertThat(lpc.proxy().https()).hasToString("http://proxy.lpc.example:3128");
        assertThat(lpc.proxy().bypasses("probe.svc.cluster.local")).isTrue();
        assertThat(lpc.proxy().bypasses("harbor.lpc.example")).isFalse();
        assertThat(lpc.probeImage()).startsWith("harbor.lpc.example/platform-acceptance/probe@sha256:");
    }

    @Test
    void the_example_openshift_target_loads_with_routes_context_and_pre_created_namespaces() {
        Target openshift = TargetLoader.load(Path.of("suites/targets/openshift-example.yaml"), REGISTER);

        assertThat(openshift.kind()).isEqualTo(PlatformKind.OPENSHIFT);
        assertThat(openshift.ingress().kind()).isEqualTo(Target.IngressKind.ROUTE);
        assertThat(openshift.kubernetes().context()).isEqualTo("acceptance");
        assertThat(openshift.kubernetes().token()).isNull();
        assertThat(openshift.kubernetes().namespacePrefix()).isNull();
        assertThat(openshift.kubernetes().namespaces()).containsExactly("pa-acc-1", "pa-acc-2", "pa-acc-3");
        assertThat(openshift.kubernetes().fixedNamespaces()).isTrue();
        assertThat(openshift.disruptiveAllowed()).isTrue();
        assertThat(openshift.kubernetes().fsGroup()).as("OpenShift assigns it").isNull();
    }

    @Test
    void an_fs_group_on_an_openshift_target_is_refused_where_it_is_written(@org.junit.jupiter.api.io.TempDir Path folder)
            throws Exception {
        Path file = folder.resolve("openshift.yaml");
        java.nio.file.Files.copy(Path.of("suites/targets/lpc-example-ca.pem"), folder.resolve("lpc-example-ca.pem"));
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(Path.of("suites/targets/openshift-example.yaml"))
                .replace("  storageClasses:", "  fsGroup: 1001\n  storageClasses:"));
        int line = java.nio.file.Files.readAllLines(file).indexOf("  fsGroup: 1001") + 1;

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> TargetLoader.load(file, REGISTER)))
                .hasMessageStartingWith(file + ":" + line + ":12: fsGroup on an openshift target; expected none");
    }

    @Test
    void a_token_written_into_the_profile_is_refused_without_being_repeated() {
        Path file = Path.of("src/test/resources/bad-input/target/token-inline.yaml");

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> TargetLoader.load(file, REGISTER));

        assertThat(refused).hasMessageStartingWith(file + ":12:10: token is not the name of an entry of secrets:")
                .hasMessageNotContaining("eyJ");
    }

    @Test
    void registry_credentials_pasted_into_the_profile_are_refused_without_being_repeated() {
        Path file = Path.of("src/test/resources/bad-input/target/registry-credentials-unknown-secret.yaml");

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> TargetLoader.load(file, REGISTER));

        assertThat(refused).hasMessageStartingWith(file + ":19:16: credentials is not the name of an entry of secrets:")
                .hasMessageNotContaining("pasted-robot-token");
    }

    @Test
    void threshold_overrides_apply_to_the_register() {
        Target lpc = TargetLoader.load(Path.of("suites/targets/lpc-example.yaml"), REGISTER);

        Register overridden = REGISTER.withOverrides(lpc.thresholdOverrides());

        assertThat(overridden.get("KP-STO-04").threshold("sequential-write-throughput").orElseThrow().describe())
                .isEqualTo("sequential-write-throughput >= 100 MiB/s");
    }

    @Test
    void the_default_local_target_is_the_project_file_when_it_is_at_hand() {
        Target local = TargetLoader.loadDefaultLocal(REGISTER);

        assertThat(local.source()).isEqualTo(TargetLoader.DEFAULT_LOCAL_FILE);
        assertThat(local.zones()).isEqualTo(List.of("zone-a", "zone-b"));
    }

    @Test
    void the_default_local_target_is_embedded_in_the_jar() {
        Target embedded = TargetLoader.loadEmbeddedLocal(REGISTER);

        assertThat(embedded.source()).hasToString("classpath:suites/targets/local.yaml");
        assertThat(embedded).usingRecursiveComparison().ignoringFields("source")
                .isEqualTo(TargetLoader.load(TargetLoader.DEFAULT_LOCAL_FILE, REGISTER));
    }
}
