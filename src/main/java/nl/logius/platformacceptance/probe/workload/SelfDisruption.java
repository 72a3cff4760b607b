package nl.logius.platformacceptance.probe.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The probe hurts itself on request, so that a disruption needs no privilege on the platform (as the
 * Kubernetes e2e image agnhost does with {@code /exit} and {@code /hang}):
 * <ul>
 *   <li>{@code POST /disrupt/crash}: answers, then halts the JVM ({@code Runtime.halt(137)}: no shutdown hooks,
 *       no clean close), as a process that dies abnormally;</li>
 *   <li>{@code POST /disrupt/hang}: from then on every request but {@code /disrupt/thaw} is held without an
 *       answer, on both ports, its connection kept open (health checks too): the instance hangs, it does not
 *       crash; {@code POST /disrupt/thaw} ends it.</li>
 * </ul>
 * A hang ends by itself after {@link #LONGEST_HANG}, so a harness that died meanwhile leaves no probe hung for ever.
 */
final class SelfDisruption {

    static final String CRASH = "/disrupt/crash";
    static final String HANG = "/disrupt/hang";
    static final String THAW = "/disrupt/thaw";
    /** Long enough for the answer to the crash request to leave the process before it halts. */
    private static final Duration HALT_AFTER = Duration.ofMillis(100);
    static final Duration LONGEST_HANG = Duration.ofMinutes(10);

    private final ScheduledExecutorService halter = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("halt"));
    private final Object hangLock = new Object();
    private Instant hangingUntil = Instant.MIN;

    void register(Map<String, Handler> routes) {
        routes.put(CRASH, this::crash);
        routes.put(HANG, this::hang);
        routes.put(THAW, this::thaw);
    }

    private void crash(Exchange exchange) throws java.io.IOException {
        Instant haltsAt = Instant.now().plus(HALT_AFTER);
        exchange.json(200, Map.of("haltsAt", haltsAt.toString()));
        halter.schedule(() -> Runtime.getRuntime().halt(137), HALT_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void hang(Exchange exchange) throws java.io.IOException {
        Instant since = Instant.now();
        synchronized (hangLock) {
            hangingUntil = since.plus(LONGEST_HANG);
        }
        exchange.json(200, Map.of("hangingSince", since.toString()));
    }

    private void thaw(Exchange exchange) throws java.io.IOException {
        Instant thawedAt = Instant.now();
        synchronized (hangLock) {
            hangingUntil = Instant.MIN;
            hangLock.notifyAll();
        }
        exchange.json(200, Map.of("thawedAt", thawedAt.toString()));
    }

    /** Holds the calling request while the probe hangs; returns at once otherwise, and for the thaw itself. */
    void holdWhileHanging(String path) {
        if (THAW.equals(path)) {
            return;
        }
        synchronized (hangLock) {
            try {
                Instant now = Instant.now();
                while (now.isBefore(hangingUntil)) {
                    hangLock.wait(Math.max(1, Duration.between(now, hangingUntil).toMillis()));
                    now = Instant.now();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
