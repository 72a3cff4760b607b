package nl.logius.platformacceptance.suites.networking;

import nl.logius.platformacceptance.measure.Durations;
import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Slow;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient.KeepAliveResult;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * KP-NET-04 — Idle connections are cut early.
 *
 * <p>The platform MUST keep an idle keep-alive connection between workloads open for at least the
 * criterion's idle time: after that long without traffic, the next request on the same connection is
 * served.
 *
 * <p>How it measures: a client probe inside the tenant opens keep-alive connections to another workload
 * through its service name, one for each of {@value #STEPS} idle times up to the criterion's (so that the
 * evidence shows where a limit lies), sends a request on each, lets it idle while watching it, and sends
 * the next request on the same connection. The server names the connection it saw both times. A
 * connection the network closes while idle is seen when it happens, so the check fails as soon as every
 * connection is closed, without waiting out the idle time. The measured value is the longest idle time
 * after which a connection still served, or was still seen open.
 *
 * <p>The idle time is the criterion's: a healthy run takes at least that long.
 *
 * <p>On the local platform the fault is a network element that resets connections idle for a few seconds,
 * as a load balancer with a short idle timeout does. A firewall that forgets idle connections without
 * telling either end is not reproduced locally; the check still sees it, later: the next request fails.
 */
@Verifies("KP-NET-04")
@Slow
class IdleConnectionCheck {

    private static final int STEPS = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    @PlatformCheck
    void idle_keep_alive_connection_serves_the_next_request(Tenant tenant, Criterion criterion, Evidence evidence) {
        Workload web = evidence.step("Deploy probe as service 'web'", () -> tenant.deploy(WorkloadSpec.probe("web")));
        Workload client = evidence.step("Deploy a client probe", () -> tenant.deploy(WorkloadSpec.probe("client")));
        evidence.step("Wait until both workloads are ready", () -> {
            web.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
            client.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
        });
        Duration idleTime = criterion.duration("idle-time");
        List<Duration> idleTimes = IntStream.rangeClosed(1, STEPS).mapToObj(step -> idleTime.multipliedBy(step).dividedBy(STEPS)).toList();
        Instance from = client.instance(0);
        String url = web.serviceUrl("/connection");
        List<KeepAliveResult> connections = evidence.step("Hold " + STEPS + " keep-alive connections from " + from.name()
                        + " to " + url + " idle for " + idleTimes.stream().map(Durations::seconds).toList()
                        + ", then reuse each",
                () -> from.probe().keepAlive(url, idleTimes, REQUEST_TIMEOUT));
        evidence.attachJson("keep-alive connections", connections);
        List<KeepAliveResult> opened = connections.stream().filter(c -> c.firstPeer() != null).toList();
        if (opened.isEmpty()) {
            throw new PlatformException("no keep-alive connection could be opened and used once; first error: "
                    + connections.stream().map(KeepAliveResult::error).filter(e -> e != null).findFirst().orElse("none"));
        }
        double survivedSeconds = opened.stream().mapToDouble(IdleConnectionCheck::survivedSeconds).max().orElse(0);
        criterion.check("idle-survived", survivedSeconds, opened.stream().map(IdleConnectionCheck::describe)
                .collect(Collectors.joining("; ")));
    }

    /**
     * How long this connection provably stayed usable while idle: its whole idle time when the next request
     * was served on it; the moment it was closed when the network closed it; nothing when it was dropped
     * silently (the next request failed).
     */
    private static double survivedSeconds(KeepAliveResult connection) {
        if (connection.secondServed()) {
            return (connection.idledMs() != null ? connection.idledMs() : connection.idleMs()) / 1000d;
        }
        return connection.closedAfterMs() != null ? connection.closedAfterMs() / 1000d : 0;
    }

    private static String describe(KeepAliveResult connection) {
        String idle = Durations.seconds(Duration.ofMillis(connection.idleMs()));
        if (connection.secondServed()) {
            return "idle " + idle + ": served again" + (connection.sameConnection() ? " on the same connection"
                    : " (the server saw another connection: " + connection.firstPeer() + " then " + connection.secondPeer() + ")");
        }
        if (connection.closedAfterMs() != null) {
            return "idle " + idle + ": closed by the network after " + Durations.seconds(Duration.ofMillis(connection.closedAfterMs())) + " idle";
        }
        return "idle " + idle + ": next request failed (" + connection.error() + ")";
    }

}
