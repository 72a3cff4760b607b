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
        assertThat(lpc.kubernetes()).isEqualTo(new Target.Kubernetes("lpc-acc", "pa", "standard"));
        assertThat(lpc.ingress().caBundle())
                .isEqualTo(Path.of("suites/targets/lpc-example-ca.pem"));
        assertThat(Files.readString(lpc.ingress().caBundle())).contains("-----BEGIN CERTIFICATE-----");
        assertThat(lpc.thresholdOverrides()).isEqualTo(Map.of("KP-STO-04", Map.of("sequential-write-throughput", 100d)));
        assertThat(lpc.secrets()).containsOnlyKeys("api-token", "registry-robot");
        assertThat(lpc.secrets().get("api-token")).isEqualTo(new SecretRef("api-token", "LPC_TOKEN", null,
                file + ":23:20"));
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
