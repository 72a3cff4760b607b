package nl.logius.platformacceptance.suites.deployment;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.ServiceTraffic;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.Durations;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.measure.TrafficSpread;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;


/**
 * KP-DEP-04 — Scaling out does not spread traffic.
 *
 * <p>The platform MUST scale a workload out from the criterion's initial to its scaled number of instances,
 * all ready (health checked and in rotation), within the criterion's scale-out time, and then MUST spread
 * the criterion's number of requests through the service name so that every instance answers at least the
 * criterion's smallest share. Requests come from a client inside the tenant, one after the other; each
 * answer names the instance that gave it.
 */
@Verifies("KP-DEP-04")
class ScaleOutCheck {

    /** Time for the criterion's requests, one after the other; a few milliseconds each on a healthy platform. */
    private static final Duration REQUESTS_BUDGET = Duration.ofSeconds(60);

    @PlatformCheck
    void scaled_out_instances_are_ready_in_time_and_each_serve_their_share(Tenant tenant, Criterion criterion, Evidence evidence) {
        int initial = criterion.count("initial-instances");
        int scaled = criterion.count("scaled-instances");
        int requests = criterion.count("requests");
        Duration deadline = criterion.duration("scale-out-time");
        Workload web = ServiceTraffic.deploy(tenant, WorkloadSpec.probe("web").instances(initial), evidence);
        ServiceTraffic traffic = ServiceTraffic.from(tenant, tenant.zones().get(0), web, initial, evidence)
                .reads("/identity", ServiceTraffic.TIMELINE_RATE_PER_SECOND, ServiceTraffic.REQUEST_TIMEOUT);

        Instant scaleStart = Instant.now();
        Duration scaleOutTime;
        String scaleDetail;
        List<RequestResult> spreadRequests;
        Timeline timeline;
        try {
            try {
                scaleOutTime = evidence.step(String.format(Locale.ROOT, "Scale 'web' from %d to %d instances and wait until all are "
                        + "ready (at most %d s)", initial, scaled, deadline.toSeconds()), () -> {
                    web.scale(scaled);
                    return web.awaitReady(scaled, scaleStart, deadline);
                });
                scaleDetail = scaled + " instances ready " + Durations.seconds(scaleOutTime) + " after the scale-out began";
            } catch (DeadlineExceededException e) {
                // The deadline is the criterion's: not ready in time is a measured failure, not a broken check.
                scaleOutTime = Duration.between(scaleStart, Instant.now());
                scaleDetail = "not all " + scaled + " instances ready after " + Durations.seconds(scaleOutTime) + ": " + e.getMessage();
            }
            spreadRequests = evidence.step(String.format(Locale.ROOT, "Send %d requests through the service name and count who answers",
                    requests), () -> traffic.requests("/identity", requests, ServiceTraffic.REQUEST_TIMEOUT, REQUESTS_BUDGET));
        } finally {
            timeline = traffic.stop();
        }
        List<String> instances = web.instances().stream().map(Instance::name).toList();
        TrafficSpread spread = TrafficSpread.over(instances, spreadRequests);
        double threshold = criterion.threshold("min-traffic-share").value();
        timeline.mark(scaleStart, "scale " + initial + " -> " + scaled).window(scaleStart, scaleStart.plus(scaleOutTime), "scaling out");
        evidence.attachSvg("traffic spread", spread.chart(String.format(Locale.ROOT,
                "%d requests through 'web' after scaling out to %d instances, by answering instance", spread.requests(), scaled), threshold));
        evidence.attachSvg("availability timeline by instance", timeline.chartByInstance(
                "Requests to 'web' while it scales out, coloured by the instance that answered"));
        evidence.attachCsv("prober timeline", timeline.csv());
        evidence.attachJson("requests counted per instance", spread.answersPerInstance());

        String firstAnswers = instances.stream().map(name -> name + timeline.firstAnswerAfter(scaleStart, r -> name.equals(r.instance()))
                        .map(t -> " +" + Durations.seconds(scaleStart, t)).orElse(" never"))
                .collect(Collectors.joining(", "));
        criterion.check("scale-out-time", scaleOutTime, scaleDetail + "; first answer through the service name: " + firstAnswers);
        criterion.check("min-traffic-share", spread.smallestSharePercent(), String.format(Locale.ROOT,
                "smallest: %s of %d requests; %s; %d not answered", spread.leastServedInstance(), spread.requests(),
                spread.describe(), spread.unanswered()));
    }
}
