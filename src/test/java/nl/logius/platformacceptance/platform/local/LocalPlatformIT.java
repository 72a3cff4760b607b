package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.probe.ProbeClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPlatformIT {

    @Test
    void deploys_resolves_kills_and_heals() {
        LocalPlatform platform = new LocalPlatform(List.of("zone-a", "zone-b"), Set.of());
        Ownership owner = Ownership.of("it-" + System.currentTimeMillis(), "LocalPlatformIT.smoke");
        long t0 = System.nanoTime();
        try (Tenant tenant = platform.createTenant(owner, "smoke")) {
            System.out.println("image ready after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            Workload web = tenant.deploy(WorkloadSpec.probe("web").instances(2));
            Workload client = tenant.deploy(WorkloadSpec.probe("client"));
            System.out.println("web ready in " + web.awaitReady(2, Duration.ofSeconds(60)));
            client.awaitReady(1, Duration.ofSeconds(60));
            ProbeClient probe = client.instance(0).probe();
            List<ProbeClient.DnsLookup> lookups = probe.lookUp("web", 20, Duration.ofSeconds(30));
            assertThat(lookups).allMatch(ProbeClient.DnsLookup::ok);
            System.out.println("lookup " + lookups.get(0));
            List<ProbeClient.RequestResult> requests = probe.get(web.serviceUrl("/identity"), 20, Duration.ofSeconds(2), Duration.ofSeconds(60));
            assertThat(requests).allMatch(ProbeClient.RequestResult::ok);
            System.out.println("served by " + requests.stream().map(ProbeClient.RequestResult::instance).distinct().toList());
            probe.startProber(web.serviceUrl("/identity"), 20, Duration.ofSeconds(1));
            web.instance(0).kill();
            long k = System.nanoTime();
            await(() -> !web.instance(0).isReady(), 10);
            System.out.println("out after " + (System.nanoTime() - k) / 1_000_000 + " ms");
            Duration back = web.awaitReady(2, Duration.ofSeconds(60));
            System.out.println("healed after " + (System.nanoTime() - k) / 1_000_000 + " ms");
            List<ProbeClient.RequestResult> timeline = probe.stopProber();
            long failed = timeline.stream().filter(r -> !r.ok()).count();
            System.out.println("prober: " + timeline.size() + " requests, " + failed + " failed");
            timeline.stream().filter(r -> !r.ok()).limit(5).forEach(System.out::println);
            web.instance(1).freeze();
            await(() -> !web.instance(1).isReady(), 15);
            web.instance(1).thaw();
            web.awaitReady(2, Duration.ofSeconds(30));
        }
        assertThat(platform.removeRun(owner.runId())).isZero();
    }

    private static void await(java.util.function.BooleanSupplier condition, int seconds) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(seconds)).until(condition::getAsBoolean);
    }
}
