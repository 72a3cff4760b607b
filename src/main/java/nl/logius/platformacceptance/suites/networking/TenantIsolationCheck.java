package nl.logius.platformacceptance.suites.networking;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Tenants;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient.ConnectAttempt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KP-NET-05 — Tenant isolation leaks.
 *
 * <p>The platform MUST keep tenants apart: no connection attempt from a workload of tenant B to the
 * instances of tenant A succeeds, while the same attempts from within tenant A all succeed (the control,
 * which shows that the target listens and that the attempts could have succeeded).
 *
 * <p>How it measures: tenant A runs service 'web' (instances over the zones) and a client; tenant B runs
 * an intruder. Both the intruder and A's client try TCP connections to the service port at the addresses
 * of A's instances on A's network, spread evenly over the instances, with a connect timeout far above what
 * a connection inside a platform takes, so that a slow leak still counts. Attempts to one instance run
 * together, so a network that drops them costs one timeout, not one per attempt.
 *
 * <p>On the local platform tenants are Docker networks, kept apart by the engine's isolation rules, and the
 * fault is real: the platform attaches each instance to the other tenants' networks as well. Attempts go to
 * the instances' own addresses (on Kubernetes: pod IPs). Attempts to A's Service address from B are not
 * made yet: the SPI has no cross-tenant service address, which only a Kubernetes driver can give.
 */
@Verifies("KP-NET-05")
class TenantIsolationCheck {

    /** Connections inside a platform complete in milliseconds; a leak that takes longer than this still counts. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final int CONCURRENCY = 10;
    private static final int SERVICE_INSTANCES = 2;

    @PlatformCheck
    void other_tenants_cannot_connect_to_a_tenants_workloads(Tenants tenants, Criterion criterion, Evidence evidence) {
        Tenant tenantA = evidence.step("Create tenant A", () -> tenants.create("tenant-a"));
        Tenant tenantB = evidence.step("Create tenant B", () -> tenants.create("tenant-b"));
        Workload web = evidence.step("Deploy probe x" + SERVICE_INSTANCES + " as service 'web' in tenant A",
                () -> tenantA.deploy(WorkloadSpec.probe("web").instances(SERVICE_INSTANCES)));
        Workload insider = evidence.step("Deploy a client probe in tenant A (control)", () -> tenantA.deploy(WorkloadSpec.probe("client")));
        Workload intruder = evidence.step("Deploy a client probe in tenant B", () -> tenantB.deploy(WorkloadSpec.probe("intruder")));
        evidence.step("Wait until all are ready", () -> {
            web.awaitReady(SERVICE_INSTANCES, Deadlines.TOOL_WORKLOAD_READY);
            insider.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
            intruder.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
        });
        Map<String, String> targets = new LinkedHashMap<>();
        for (Instance instance : web.instances()) {
            targets.put(instance.name(), instance.address());
        }
        evidence.note("tenant A's instances: " + targets);
        int attempts = criterion.count("attempts");

        List<ConnectAttempt> fromB = evidence.step("Try " + attempts + " connections from tenant B ("
                        + intruder.instance(0).name() + ") to tenant A's instances on port " + web.servicePort(),
                () -> attempt(intruder.instance(0), targets, web.servicePort(), attempts));
        List<ConnectAttempt> fromA = evidence.step("Try " + attempts + " connections from within tenant A ("
                        + insider.instance(0).name() + ") to the same instances (control)",
                () -> attempt(insider.instance(0), targets, web.servicePort(), attempts));
        evidence.attachJson("attempts from tenant B", fromB);
        evidence.attachJson("attempts from within tenant A", fromA);

        long leaked = fromB.stream().filter(ConnectAttempt::connected).count();
        long controlled = fromA.stream().filter(ConnectAttempt::connected).count();
        criterion.check("cross-tenant-success", 100d * leaked / fromB.size(), leaked + " of " + fromB.size()
                + " attempts from tenant B connected" + firstError(fromB, false));
        criterion.check("same-tenant-success", 100d * controlled / fromA.size(), controlled + " of " + fromA.size()
                + " attempts within tenant A connected" + firstError(fromA, true));
    }

    /** {@code attempts} connections spread evenly over the addresses, in the order of the instances. */
    private static List<ConnectAttempt> attempt(Instance from, Map<String, String> targets, int port, int attempts) {
        List<String> addresses = new ArrayList<>(targets.values());
        List<ConnectAttempt> results = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            int share = attempts / addresses.size() + (i < attempts % addresses.size() ? 1 : 0);
            if (share > 0) {
                results.addAll(from.probe().connect(addresses.get(i), port, share, CONNECT_TIMEOUT, CONCURRENCY));
            }
        }
        return results;
    }

    /** The first attempt that went the unexpected way, for the failure message. */
    private static String firstError(List<ConnectAttempt> attempts, boolean expectConnected) {
        return attempts.stream().filter(a -> a.connected() != expectConnected).findFirst()
                .map(a -> expectConnected ? "; first failure: " + a.error() : "; connected in " + a.micros() / 1000 + " ms")
                .orElse("");
    }
}
