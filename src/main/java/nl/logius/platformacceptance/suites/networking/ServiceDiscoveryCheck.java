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
import nl.logius.platformacceptance.platform.ProbeClient.DnsLookup;

import java.time.Duration;
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

    private static final Duration LOOKUP_BUDGET_MARGIN = Duration.ofSeconds(5);

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
        // Time for every look-up at the p99 limit, and some: a DNS that does not answer must not stall the run.
        Duration budget = criterion.duration("lookup-time-p99").multipliedBy(lookups).plus(LOOKUP_BUDGET_MARGIN);
        Instance from = client.instance(0);
        List<DnsLookup> results = evidence.step("Resolve '" + web.serviceName() + "' " + lookups + " times from "
                        + from.name() + " (within " + budget.toSeconds() + " s)",
                () -> from.probe().lookUp(web.serviceName(), lookups, budget));

        long resolved = results.stream().filter(DnsLookup::ok).count();
        LatencyStats lookupTime = LatencyStats.ofMicros(results.stream().map(DnsLookup::micros).toList());
        evidence.attachSvg("look-up time distribution", lookupTime.chart("DNS look-up time of '" + web.serviceName()
                + "' from inside the tenant", criterion.threshold("lookup-time-p99").value()));
        evidence.attachJson("look-ups", results);
        String attempted = results.size() < lookups ? "; only " + results.size() + " attempted within " + budget.toSeconds()
                + " s, the rest count as unresolved" : "";
        String firstError = results.stream().filter(r -> !r.ok()).map(DnsLookup::error).findFirst().map(e -> "; first error: " + e).orElse("");
        criterion.check("resolved", 100d * resolved / lookups, resolved + " of " + lookups + " resolved" + attempted + firstError);
        criterion.check("lookup-time-p99", lookupTime.p99Millis(), lookupTime.summary());
    }
}
