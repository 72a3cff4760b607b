package nl.logius.platformacceptance.suites.networking;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.LatencyStats;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.probe.ProbeClient.DnsLookup;

import java.util.List;

/**
 * KP-NET-01 — Service names do not resolve reliably.
 *
 * <p>The platform MUST resolve another workload's service name from inside the tenant on every look-up,
 * quickly: all look-ups resolve, and the p99 look-up time stays within the criterion.
 * The look-ups are made by a probe inside the tenant, through the platform's own DNS, uncached.
 */
@Verifies("KP-NET-01")
class ServiceDiscoveryCheck {

    @PlatformCheck
    void service_name_resolves_from_inside_the_tenant(Tenant tenant, Criterion criterion, Evidence evidence) {
        Workload web = evidence.step("Deploy probe x2 as service 'web' over the zones",
                () -> tenant.deploy(WorkloadSpec.probe("web").instances(2)));
        Workload client = evidence.step("Deploy a client probe", () -> tenant.deploy(WorkloadSpec.probe("client")));
        evidence.step("Wait until both workloads are ready", () -> {
            web.awaitReady(2, Deadlines.TOOL_WORKLOAD_READY);
            client.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
        });
        int lookups = criterion.count("lookups");
        Instance from = client.instance(0);
        List<DnsLookup> results = evidence.step("Resolve '" + web.serviceName() + "' " + lookups + " times from " + from.name(),
                () -> from.probe().lookUp(web.serviceName(), lookups));

        long resolved = results.stream().filter(DnsLookup::ok).count();
        LatencyStats lookupTime = LatencyStats.ofMicros(results.stream().map(DnsLookup::micros).toList());
        evidence.attachSvg("look-up time distribution", lookupTime.chart("DNS look-up time of '" + web.serviceName()
                + "' from inside the tenant", criterion.threshold("lookup-time-p99").value()));
        evidence.attachJson("look-ups", results);
        criterion.check("resolved", 100d * resolved / results.size(), resolved + " of " + results.size() + " resolved");
        criterion.check("lookup-time-p99", lookupTime.p99Millis(), lookupTime.summary());
    }
}
