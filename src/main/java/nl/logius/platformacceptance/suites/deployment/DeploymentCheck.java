package nl.logius.platformacceptance.suites.deployment;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.ServiceTraffic;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.Durations;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.awaitility.Awaitility.await;

/**
 * KP-DEP-01 — Deployments slow or failing.
 *
 * <p>The platform MUST take a new workload of the criterion's size from request to serving traffic through
 * its service name within the criterion's time, every time (5 of 5). Serving is seen from inside the
 * tenant: a request through the service name, made by one of the workload's own instances, succeeds.
 */
@Verifies("KP-DEP-01")
class DeploymentCheck {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    @PlatformCheck
    void new_workload_serves_within_the_deadline_every_time(Tenant tenant, Criterion criterion, Evidence evidence) {
        int deployments = criterion.count("deployments");
        int instances = criterion.count("instances");
        Duration deadline = criterion.duration("time-to-serve-max");

        List<Duration> timesToServe = new ArrayList<>();
        String failure = null;
        for (int attempt = 1; attempt <= deployments && failure == null; attempt++) {
            String name = "app-" + attempt;
            try {
                Duration timeToServe = evidence.step(String.format(Locale.ROOT, "Deployment %d of %d: %s x%d until it serves",
                        attempt, deployments, name, instances), () -> deployAndServe(tenant, name, instances, deadline));
                timesToServe.add(timeToServe);
                evidence.note(name + " served after " + timeToServe.toMillis() + " ms");
            } catch (NotServingInTime e) {
                // The deadline is the criterion's: not serving in time is a measured failure, not a broken check.
                failure = name + " did not serve within " + Durations.seconds(deadline) + " (" + e.getCause().getMessage() + ")";
                timesToServe.add(e.waited);
                evidence.note(failure + "; the remaining deployments are not attempted");
            }
        }
        int successful = failure == null ? timesToServe.size() : timesToServe.size() - 1;
        Duration slowest = timesToServe.stream().max(Duration::compareTo).orElse(Duration.ZERO);
        evidence.attachText("times to serve", timesToServe.toString());
        criterion.check("time-to-serve-max", slowest, failure != null ? failure : successful + " deployments, times "
                + Durations.seconds(timesToServe));
        criterion.check("successful-deployments", 100d * successful / deployments,
                successful + " of " + deployments + " served in time" + (failure == null ? "" : "; stopped after the first failure"));
    }

    /** Deploys, then polls through the service name until a request succeeds; the time includes both. */
    private static Duration deployAndServe(Tenant tenant, String name, int instances, Duration deadline) {
        Instant start = Instant.now();
        Workload app = tenant.deploy(WorkloadSpec.probe(name).instances(instances));
        try {
            app.awaitReady(instances, start, deadline);
            Instance inside = app.instance(0);
            await(name + " serving through its service name").atMost(Durations.remaining(start, deadline))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> inside.probe().getOnce(app.serviceUrl("/identity"), REQUEST_TIMEOUT).ok());
        } catch (DeadlineExceededException | ConditionTimeoutException e) {
            throw new NotServingInTime(Duration.between(start, Instant.now()), e);
        } finally {
            app.delete();
        }
        return Duration.between(start, Instant.now());
    }

    /** A deployment that did not serve within the criterion's deadline, after {@code waited}. */
    private static final class NotServingInTime extends RuntimeException {
        private final Duration waited;

        NotServingInTime(Duration waited, Exception cause) {
            super(cause);
            this.waited = waited;
        }
    }

}
