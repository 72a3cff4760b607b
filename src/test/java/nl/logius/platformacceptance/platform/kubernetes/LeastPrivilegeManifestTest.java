package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.target.Target;
import nl.logius.platformacceptance.target.TargetLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The least-privilege manifests grant what the driver uses, read from the same list preflight reviews
 * ({@link ClusterPreflight#rightsUsed}): every namespaced right in {@code role.yaml}, every cluster right in the optional
 * {@code clusterrole.yaml}, and for a namespace prefix every namespaced right cluster-wide too.
 */
class LeastPrivilegeManifestTest {

    private static final Register REGISTER = RegisterLoader.load(Path.of("suites/knelpunten.yaml"));

    @ParameterizedTest
    @ValueSource(strings = {"suites/targets/lpc-example.yaml", "suites/targets/openshift-example.yaml"})
    void the_manifests_grant_every_right_the_driver_uses(String profile) throws IOException {
        Target target = TargetLoader.load(Path.of(profile), REGISTER);
        List<PolicyRule> namespaced = rules("deploy/kubernetes/role.yaml", Role.class).stream()
                .flatMap(role -> role.getRules().stream()).toList();
        List<ClusterRole> clusterRoles = rules("deploy/kubernetes/clusterrole.yaml", ClusterRole.class);
        List<PolicyRule> clusterWide = clusterRoles.stream().flatMap(role -> role.getRules().stream()).toList();

        for (ClusterPreflight.Right right : ClusterPreflight.rightsUsed(target)) {
            List<PolicyRule> granting = right.clusterScoped() ? clusterWide : namespaced;
            assertThat(grants(granting, right)).as(right.describe() + " in " + (right.clusterScoped() ? "clusterrole.yaml" : "role.yaml"))
                    .isTrue();
            if (!right.clusterScoped()) {
                assertThat(grants(clusterWide, right)).as(right.describe() + " in clusterrole.yaml, for a namespace prefix").isTrue();
            }
        }
    }

    private static boolean grants(List<PolicyRule> rules, ClusterPreflight.Right right) {
        String resource = right.resource() + (right.subresource().isEmpty() ? "" : "/" + right.subresource());
        return rules.stream().anyMatch(rule -> rule.getApiGroups().contains(right.group()) && rule.getResources().contains(resource)
                && rule.getVerbs().containsAll(right.verbs()));
    }

    private static <T extends HasMetadata> List<T> rules(String manifest, Class<T> kind) throws IOException {
        try (KubernetesClient offline = new KubernetesClientBuilder().build(); InputStream in = Files.newInputStream(Path.of(manifest))) {
            return offline.load(in).items().stream().filter(kind::isInstance).map(kind::cast).toList();
        }
    }
}
