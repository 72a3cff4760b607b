package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.DockerClient;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local reference platform on the real Docker engine: what the checks rely on it to do. */
class LocalPlatformIT {

    private static final Duration READY = Duration.ofSeconds(60);

    @Test
    void a_workload_is_reachable_by_its_service_name_heals_a_crash_and_drops_a_frozen_instance() {
        LocalPlatform platform = new LocalPlatform(List.of("zone-a", "zone-b"), Set.of());
        Ownership owner = Ownership.of("it-" + System.nanoTime(), "LocalPlatformIT.driver");
        try (Tenant tenant = platform.createTenant(owner, "driver")) {
            Workload web = tenant.deploy(WorkloadSpec.probe("web").instances(2));
            Workload client = tenant.deploy(WorkloadSpec.probe("client").inZone(tenant.zones().get(0)));
            web.awaitReady(2, READY);
            client.awaitReady(1, READY);
            assertThat(web.instances()).extracting(i -> i.zone().name()).containsExactly("zone-a", "zone-b");
            ProbeClient probe = client.instance(0).probe();

            List<ProbeClient.DnsLookup> lookups = probe.lookUp("web", 10, Duration.ofSeconds(30));
            assertThat(lookups).allSatisfy(l -> assertThat(l.addresses()).hasSize(2));
            List<RequestResult> spread = probe.get(web.serviceUrl("/identity"), 40, Duration.ofSeconds(2), Duration.ofSeconds(60));
            assertThat(spread).allMatch(RequestResult::ok);
            assertThat(spread).extracting(RequestResult::instance).contains("web-0", "web-1");

            // A crash (SIGKILL of the main process) is healed by the engine's restart policy; no request fails.
            probe.startProber(web.serviceUrl("/identity"), 20, Duration.ofSeconds(1));
            Instance victim = web.instance(0);
            long pidBefore = victim.probe().identity().pid();
            String startedBefore = victim.probe().identity().startedAt();
            victim.kill();
            assertThat(victim.isReady()).isFalse();
            web.awaitReady(2, READY);
            assertThat(victim.probe().identity().startedAt()).isNotEqualTo(startedBefore);
            assertThat(pidBefore).isPositive();
            List<RequestResult> duringCrash = probe.stopProber();
            // A request the victim was answering when it crashed is reset; the rest go to the other instance.
            assertThat(duringCrash).isNotEmpty();
            assertThat(duringCrash.stream().filter(r -> !r.ok()).toList()).as("failed requests: only one in flight at the crash")
                    .hasSizeLessThanOrEqualTo(1).allMatch(r -> String.valueOf(r.error()).contains("reset"));

            // A frozen instance is taken out of rotation by the health checks, and taken back when it thaws.
            Instance frozen = web.instance(1);
            frozen.freeze();
            await("web-1 out of rotation").atMost(Duration.ofSeconds(10)).until(() -> !frozen.isReady());
            List<RequestResult> whileFrozen = probe.get(web.serviceUrl("/identity"), 20, Duration.ofSeconds(1), Duration.ofSeconds(60));
            assertThat(whileFrozen).allMatch(RequestResult::ok).extracting(RequestResult::instance).containsOnly("web-0");
            frozen.thaw();
            web.awaitReady(2, READY);
        }
        assertThat(platform.removeRun(owner.runId())).as("resources left after the tenant closed").isZero();
        DockerClient docker = DockerClientFactory.instance().client();
        assertThat(docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of(Ownership.RUN_LABEL, owner.runId())).exec()).isEmpty();
    }
}
