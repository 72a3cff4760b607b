package nl.logius.platformacceptance.suites.networking;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.LatencyStats;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.NotSupportedException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.platform.ProbeClient.LatencyRun;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * KP-NET-02 — East-west latency too high.
 *
 * <p>Requests between workloads in different zones MUST all succeed and MUST be fast: of the criterion's
 * number of HTTP requests from a client in one zone to a service whose instances are all in another zone,
 * none fails, and the median and 99th percentile round-trip times stay within the criterion.
 *
 * <p>How it measures: the client probe times each request from the TCP connect to the last byte of the
 * answer; every request opens a new connection ({@code Connection: close}, no keep-alive), and the service
 * name is resolved once (KP-NET-01 measures look-ups). The first requests warm the probe's and the
 * service's code (up to a few seconds) and are not counted. Latencies are percentiles of an HdrHistogram of the successful requests.
 *
 * <p>On the local platform zones are labels on containers of one machine, so the healthy cross-zone path is
 * a bridge; the injected fault is a network element that delays every chunk of data on the path to the
 * service, whatever the client's zone (a real slow link between zones would only delay cross-zone traffic).
 */
@Verifies("KP-NET-02")
class EastWestLatencyCheck {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Until the client's and the service's code is compiled: on a new probe the median falls for about
     * 2,000 requests. Bounded in time too, so that a slow path does not spend its budget warming up.
     */
    private static final int WARMUP_REQUESTS = 2_000;
    private static final Duration WARMUP_TIME = Duration.ofSeconds(3);
    private static final int SERVER_INSTANCES = 2;
    private static final Duration BUDGET_MARGIN = Duration.ofSeconds(10);

    @PlatformCheck
    void requests_between_zones_succeed_and_are_fast(Tenant tenant, Criterion criterion, Evidence evidence) {
        List<Zone> zones = tenant.zones();
        if (zones.size() < 2) {
            throw new NotSupportedException("the target has one zone (" + zones + "); latency between zones needs two");
        }
        Zone clientZone = zones.get(0);
        Zone serverZone = zones.get(1);
        Workload web = evidence.step("Deploy probe x" + SERVER_INSTANCES + " as service 'web' in zone " + serverZone,
                () -> tenant.deploy(WorkloadSpec.probe("web").instances(SERVER_INSTANCES).inZone(serverZone)));
        Workload client = evidence.step("Deploy a client probe in zone " + clientZone,
                () -> tenant.deploy(WorkloadSpec.probe("client").inZone(clientZone)));
        evidence.step("Wait until both workloads are ready", () -> {
            web.awaitReady(SERVER_INSTANCES, Deadlines.TOOL_WORKLOAD_READY);
            client.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
        });
        Instance from = client.instance(0);
        evidence.note("client " + from.name() + " in zone " + from.zone() + "; service instances "
                + web.instances().stream().map(i -> i.name() + " in zone " + i.zone()).collect(Collectors.joining(", ")));

        int requests = criterion.count("requests");
        // Time for every request at the p99 limit, and some: a slow path must not stall the run.
        Duration budget = criterion.duration("latency-p99").multipliedBy(requests).plus(WARMUP_TIME).plus(BUDGET_MARGIN);
        String url = web.serviceUrl("/identity");
        LatencyRun run = evidence.step("Send " + requests + " requests from zone " + clientZone + " to " + url
                        + " (new connection each, after up to " + WARMUP_REQUESTS + " warm-up requests in "
                        + WARMUP_TIME.toSeconds() + " s; within " + budget.toSeconds() + " s)",
                () -> from.probe().latency(url, requests, WARMUP_REQUESTS, WARMUP_TIME, REQUEST_TIMEOUT, budget));

        List<RequestResult> results = run.results();
        List<RequestResult> succeeded = results.stream().filter(RequestResult::ok).toList();
        LatencyStats latency = LatencyStats.ofMicros(succeeded.stream().map(RequestResult::micros).toList());
        evidence.attachSvg("round-trip time distribution", latency.chart("Round-trip time of HTTP requests from zone "
                + clientZone + " to zone " + serverZone, criterion.threshold("latency-p99").value()));
        evidence.attachJson("requests", results);
        evidence.attachText("latency summary", latency.summary() + "\nwarm-up requests (not counted): " + run.warmup().size());

        Set<String> servedBy = succeeded.stream().map(RequestResult::instance).collect(Collectors.toSet());
        long failed = results.size() - succeeded.size();
        long notAttempted = requests - results.size();
        String firstError = results.stream().filter(r -> !r.ok()).map(RequestResult::error).findFirst()
                .map(e -> "; first error: " + e).orElse("");
        String attempted = notAttempted > 0 ? "; " + notAttempted + " not attempted within " + budget.toSeconds()
                + " s, counted as errors" : "";
        criterion.check("errors", failed + notAttempted, failed + " of " + results.size() + " requests failed"
                + attempted + firstError);
        if (succeeded.isEmpty()) {
            evidence.note("no request succeeded: there is no round-trip time to compare");
            return;
        }
        String detail = latency.summary() + ", served by " + servedBy;
        criterion.check("latency-p50", latency.p50Millis(), detail);
        criterion.check("latency-p99", latency.p99Millis(), detail);
    }
}
