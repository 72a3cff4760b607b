package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.command.InspectContainerResponse;
import nl.logius.platformacceptance.platform.Readiness;
import nl.logius.platformacceptance.probe.workload.ProbeMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The local platform's health checks, as a kubelet's readiness probes, each instance by its workload's
 * {@link Readiness}: every period it asks the instance's readiness path (on the admin port: the service port
 * is closed while the instance is out of rotation), each answer within the timeout; an instance is ready after
 * one good answer and taken out of rotation after the failure threshold of bad ones in a row (closing its
 * {@link ServicePortGate}). A restarted instance starts out of rotation until it answers.
 */
final class ReadinessController implements AutoCloseable {

    /** How often the loop looks for instances whose next check is due; far below any readiness period. */
    private static final Duration TICK = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessController.class);

    private final Supplier<List<LocalInstance>> instances;
    private final boolean gating;
    private final Map<String, Observed> observed = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    /** When each instance (by container) is due for its next check. */
    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    /** Instances whose check is still running: checks of one instance never overlap, as a kubelet's probes. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService loop;
    private final ExecutorService checks;

    /**
     * @param gating whether to take unready instances out of rotation; without it (an injection) an
     *               instance counts as ready while its container runs, and traffic reaches it regardless
     */
    ReadinessController(String tenantName, Supplier<List<LocalInstance>> instances, boolean gating) {
        this.instances = instances;
        this.gating = gating;
        this.loop = Executors.newSingleThreadScheduledExecutor(daemon("readiness-" + tenantName));
        this.checks = Executors.newCachedThreadPool(daemon("health-" + tenantName));
        loop.scheduleWithFixedDelay(this::checkDue, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks one instance now (used right after it starts, so it never serves before its gate is closed). */
    void admit(LocalInstance instance) {
        check(instance);
    }

    /**
     * Starts the check of every instance whose period has come round; each runs on its own worker, so a slow
     * answer (up to the timeout) delays no other instance's check, as a kubelet probes each pod on its own.
     */
    private void checkDue() {
        Instant now = Instant.now();
        for (LocalInstance instance : instances.get()) {
            Instant next = due.getOrDefault(instance.containerId(), now);
            if (!now.isBefore(next) && inFlight.add(instance.containerId())) {
                due.put(instance.containerId(), now.plus(instance.workload().spec().readiness().period()));
                try {
                    checks.execute(() -> {
                        try {
                            check(instance);
                        } finally {
                            inFlight.remove(instance.containerId());
                        }
                    });
                } catch (RejectedExecutionException e) {
                    return; // closed
                }
            }
        }
    }

    private void check(LocalInstance instance) {
        synchronized (instance) {
            try {
                InspectContainerResponse inspection = instance.inspect();
                InspectContainerResponse.ContainerState state = inspection.getState();
                Long pid = state.getPidLong();
                if (!Boolean.TRUE.equals(state.getRunning()) || pid == null || pid <= 0) {
                    observed.remove(instance.containerId());
                    instance.markReady(false);
                    return;
                }
                Observed seen = observed.get(instance.containerId());
                if (seen == null || seen.pid != pid) {
                    // A new process (first start or a restart) lives in a fresh network namespace: no gate yet.
                    seen = new Observed(pid);
                    observed.put(instance.containerId(), seen);
                    if (gating) {
                        ServicePortGate.close(pid, ProbeMain.SERVICE_PORT);
                    }
                }
                Readiness readiness = instance.workload().spec().readiness();
                boolean healthy = !Boolean.TRUE.equals(state.getPaused())
                        && instance.currentAdminAddress(inspection).map(admin -> answersHealthy(admin, readiness)).orElse(false);
                update(instance, seen, healthy);
            } catch (RuntimeException e) {
                LOG.debug("health check of {} failed", instance.name(), e);
                instance.markReady(false);
            }
        }
    }

    private void update(LocalInstance instance, Observed seen, boolean healthy) {
        if (healthy) {
            seen.failures = 0;
            if (!seen.inRotation) {
                if (gating) {
                    ServicePortGate.open(seen.pid, ProbeMain.SERVICE_PORT);
                }
                seen.inRotation = true;
                LOG.debug("{} is ready", instance.name());
            }
        } else {
            seen.failures++;
            // Without gating (an injection) nothing takes an instance out once it was in: no health checks.
            if (gating && seen.inRotation && seen.failures >= instance.workload().spec().readiness().failureThreshold()) {
                ServicePortGate.close(seen.pid, ProbeMain.SERVICE_PORT);
                seen.inRotation = false;
                LOG.debug("{} is out of rotation after {} failed health checks", instance.name(), seen.failures);
            }
        }
        instance.markReady(seen.inRotation);
    }

    private boolean answersHealthy(URI admin, Readiness readiness) {
        try {
            HttpRequest request = HttpRequest.newBuilder(admin.resolve(readiness.path())).timeout(readiness.timeout()).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Forgets what was seen of an instance (it was just killed): it is treated as new on the next round. */
    void forget(LocalInstance instance) {
        observed.remove(instance.containerId());
        due.remove(instance.containerId());
    }

    @Override
    public void close() {
        loop.shutdownNow();
        checks.shutdownNow();
    }

    private static final class Observed {
        final long pid;
        boolean inRotation;
        int failures;

        Observed(long pid) {
            this.pid = pid;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
