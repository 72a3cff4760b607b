package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformDrivers;
import nl.logius.platformacceptance.platform.Readiness;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.VolumeRefusedException;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the driver contract does not say and the Kubernetes driver promises, against the mock API server
 * ({@link MockCluster}): tenants in pre-created namespaces touch only their own resources, a provisioner's refusal
 * arrives as a {@link VolumeRefusedException} in its own words, and a probe pod is of the restricted security profile
 * with the spec's controller behaviour.
 */
class KubernetesDriverTest {

    private static final String SHARED_NAMESPACE = "pa-acc-1";
    private static MockCluster cluster;

    @BeforeAll
    static void aClusterWithAPreCreatedNamespace() {
        cluster = new MockCluster(List.of("zone-a", "zone-b"));
        cluster.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SHARED_NAMESPACE).endMetadata()
                .build()).create();
    }

    @AfterAll
    static void close() {
        cluster.close();
    }

    private static Ownership owner(String run, Instant expiresAt) {
        return Ownership.of(run, "KubernetesDriverTest.check", expiresAt);
    }

    @Test
    void tenants_in_a_pre_created_namespace_remove_and_sweep_only_their_own_resources() {
        try (Platform platform = PlatformDrivers.forTarget(cluster.target("fixed", List.of(SHARED_NAMESPACE)), List.of())) {
            String live = "live-" + UUID.randomUUID().toString().substring(0, 8);
            String closed = "closed-" + UUID.randomUUID().toString().substring(0, 8);
            String expired = "expired-" + UUID.randomUUID().toString().substring(0, 8);
            Tenant neighbour = platform.createTenant(owner(live, Instant.now().plusSeconds(3600)), "web");
            neighbour.deploy(WorkloadSpec.probe("web")).awaitReady(1, Duration.ofSeconds(60));
            try (Tenant closing = platform.createTenant(owner(closed, Instant.now().plusSeconds(3600)), "web")) {
                closing.deploy(WorkloadSpec.probe("web")).awaitReady(1, Duration.ofSeconds(60));
                assertThat(deploymentsOf(live)).as("the same workload name, no collision").hasSize(1);
                assertThat(deploymentsOf(closed)).hasSize(1);
            }
            platform.createTenant(owner(expired, Instant.now().minusSeconds(1)), "web").deploy(WorkloadSpec.probe("web"));

            assertThat(platform.sweepLeftovers()).as("the expired tenant's resources").isPositive();

            assertThat(deploymentsOf(closed)).as("a closed tenant's resources").isEmpty();
            assertThat(deploymentsOf(expired)).as("an expired run's resources, swept").isEmpty();
            assertThat(deploymentsOf(live)).as("a live neighbour's resources").hasSize(1);
            assertThat(cluster.admin().namespaces().withName(SHARED_NAMESPACE).get()).as("the pre-created namespace stays").isNotNull();
            neighbour.close();
            assertThat(deploymentsOf(live)).isEmpty();
        }
    }

    @Test
    void a_claim_its_storage_class_cannot_give_is_refused_in_the_provisioners_words() {
        String noSharing = MockCluster.READ_WRITE_ONCE_CLASS;
        try (Platform platform = PlatformDrivers.forTarget(cluster.target(cluster.profile("no-sharing", List.of(), cluster.url(),
                noSharing)), List.of());
             Tenant tenant = platform.createTenant(owner("refusal-" + UUID.randomUUID().toString().substring(0, 8),
                     Instant.now().plusSeconds(3600)), "refusal")) {
            var shared = tenant.createVolume(VolumeSpec.of("handover", 16L << 20).sharedByInstances());

            assertThatThrownBy(() -> shared.awaitBound(Duration.ofSeconds(30))).isInstanceOf(VolumeRefusedException.class)
                    .hasMessageContaining("access mode [ReadWriteMany] not supported").hasMessageContaining("ProvisioningFailed");
        }
    }

    @Test
    void a_probe_pod_is_restricted_and_carries_the_specs_controller_behaviour() {
        Readiness readiness = new Readiness("/health", Duration.ofSeconds(2), 4, Duration.ofSeconds(1));
        String run = "pod-" + UUID.randomUUID().toString().substring(0, 8);
        try (Platform platform = PlatformDrivers.forTarget(cluster.target("mock", List.of()), List.of());
             Tenant tenant = platform.createTenant(owner(run, Instant.now().plusSeconds(3600)), "pod")) {
            tenant.deploy(WorkloadSpec.probe("web").instances(2).withReadiness(readiness).withTerminationGrace(Duration.ofSeconds(7)));

            Deployment deployment = deploymentsOf(run).get(0);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container probe = pod.getContainers().get(0);
            assertThat(probe.getImage()).isEqualTo(MockCluster.PROBE_IMAGE);
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as("no fixed UID: the platform assigns one").isNull();
            assertThat(pod.getSecurityContext().getFsGroup()).as("no fixed fsGroup").isNull();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(probe.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(probe.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(probe.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(probe.getVolumeMounts()).anyMatch(mount -> mount.getMountPath().equals("/tmp"));
            assertThat(probe.getReadinessProbe().getPeriodSeconds()).isEqualTo(2);
            assertThat(probe.getReadinessProbe().getFailureThreshold()).isEqualTo(4);
            assertThat(probe.getReadinessProbe().getTimeoutSeconds()).isEqualTo(1);
            assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(7);
            assertThat(pod.getTopologySpreadConstraints()).singleElement()
                    .satisfies(spread -> assertThat(spread.getTopologyKey()).isEqualTo(ProbePods.ZONE_KEY));
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
            assertThat(deployment.getMetadata().getAnnotations()).containsEntry(Ownership.CHECK_ID_ANNOTATION, "KubernetesDriverTest.check");
        }
    }

    @Test
    void a_plain_kubernetes_profile_gives_the_claimed_volumes_the_group_it_names() throws Exception {
        Path profile = cluster.profile("fs-group", List.of());
        Files.writeString(profile, Files.readString(profile).replace("  storageClasses:", "  fsGroup: 1001\n  storageClasses:"));
        String run = "fsgroup-" + UUID.randomUUID().toString().substring(0, 8);
        try (Platform platform = PlatformDrivers.forTarget(cluster.target(profile), List.of());
             Tenant tenant = platform.createTenant(owner(run, Instant.now().plusSeconds(3600)), "fsgroup")) {
            tenant.deploy(WorkloadSpec.probe("web"));

            PodSpec pod = deploymentsOf(run).get(0).getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(1001L);
            assertThat(pod.getSecurityContext().getRunAsUser()).as("still no fixed UID").isNull();
        }
    }

    private static List<Deployment> deploymentsOf(String run) {
        return cluster.admin().apps().deployments().inAnyNamespace().withLabel(Ownership.RUN_LABEL, run).list().getItems();
    }
}
