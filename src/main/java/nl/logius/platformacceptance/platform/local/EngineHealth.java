package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.platform.PlatformUnavailableException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the Docker engine answers, so that a run whose engine went away fails each remaining call at once
 * instead of waiting out every call's deadline.
 * <ul>
 *   <li>Once a call found the engine gone (refused, reset, or no answer by its deadline), the next calls
 *       first ask it a short ping (each within {@link EngineConnection#PING_TIMEOUT}; one per
 *       {@link #PING_INTERVAL} at first, then twice as far apart after each unanswered one, up to
 *       {@link #MAX_PING_INTERVAL}) and fail straight away while it does not answer. An answer clears the mark:
 *       a passing hiccup costs one call, not the run.</li>
 *   <li>An engine that hangs is suspected before any deadline passes: when a call has waited longer than
 *       {@link #SLOW_CALL}, the next call pings first.</li>
 * </ul>
 * It also turns a wait that timed out while the engine was silent into what it is: the platform could not be
 * observed (broken), not a platform too slow to recover (failed). See {@link #confirmAnswering(String)}.
 */
final class EngineHealth {

    static final Duration PING_INTERVAL = Duration.ofSeconds(1);
    /** While pings go unanswered, the next one waits longer, up to this: a silent engine rarely returns at once. */
    static final Duration MAX_PING_INTERVAL = Duration.ofSeconds(30);
    static final Duration SLOW_CALL = Duration.ofSeconds(5);

    private static final Object LOCK = new Object();
    private static final Map<Long, Long> IN_FLIGHT = new ConcurrentHashMap<>();
    private static final AtomicLong CALLS = new AtomicLong();
    private static final AtomicBoolean PINGING = new AtomicBoolean();
    private static String problem;
    private static String lastProblem;
    private static java.time.Instant lastUnavailableAt;
    private static long lastPingNanos;
    private static boolean lastPingAnswered;
    private static long pingIntervalNanos = PING_INTERVAL.toNanos();

    private EngineHealth() {
    }

    /**
     * A call found the engine gone: later calls fail fast until it answers a ping.
     *
     * @param certain whether this is proof that the engine is gone (refused, reset, no socket, no answer to a
     *                ping) rather than a call that outlived its deadline, which a busy engine may do too; only
     *                proof makes a check's measurements untrusted ({@link #unreachableSince})
     */
    static void markUnavailable(String what, boolean certain) {
        synchronized (LOCK) {
            problem = what;
            lastPingNanos = System.nanoTime();
            lastPingAnswered = false;
            if (certain) {
                lastProblem = what;
                lastUnavailableAt = java.time.Instant.now();
            }
        }
    }

    /** Before a call: fails at once while the engine is known (or suspected) gone and does not answer a ping. */
    static void requireAvailable(String what) {
        String known;
        synchronized (LOCK) {
            known = problem != null ? problem : slowCall();
            if (known == null) {
                return;
            }
            if (System.nanoTime() - lastPingNanos < pingIntervalNanos) {
                if (lastPingAnswered) {
                    return;
                }
                if (problem == null) {
                    return; // only suspected, and a ping is under way or just failed: let the call find out
                }
                throw unavailable(what, known);
            }
            lastPingNanos = System.nanoTime();
        }
        boolean answered = ping();
        synchronized (LOCK) {
            lastPingAnswered = answered;
            lastPingNanos = System.nanoTime();
            if (answered) {
                problem = null;
                pingIntervalNanos = PING_INTERVAL.toNanos();
                return;
            }
            pingIntervalNanos = Math.min(pingIntervalNanos * 2, MAX_PING_INTERVAL.toNanos());
            problem = known;
            lastProblem = known + "; it did not answer a ping within " + EngineConnection.PING_TIMEOUT.toSeconds() + " s";
            lastUnavailableAt = java.time.Instant.now();
        }
        throw unavailable(what, known);
    }

    /**
     * After a wait on the platform ran out: asks the engine whether it is there. When it is not, the wait
     * measured the engine, not the platform's behaviour, and the caller must not report a missed deadline.
     *
     * @throws PlatformUnavailableException when the engine does not answer a ping
     */
    static void confirmAnswering(String what) {
        if (!DockerCalls.answersWithin(EngineConnection.PING_TIMEOUT, () -> EngineConnection.pingClient().pingCmd().exec())) {
            String problem = "it did not answer a ping within " + EngineConnection.PING_TIMEOUT.toSeconds() + " s";
            markUnavailable(what + ": " + problem, true);
            throw unavailable(what, problem);
        }
    }

    /**
     * The last moment the engine was found not answering, if it was at or after {@code since}; asks it a ping
     * first, so that an engine that went away without anyone calling it is seen too.
     */
    static java.util.Optional<String> unreachableSince(java.time.Instant since) {
        if (!DockerCalls.answersWithin(EngineConnection.PING_TIMEOUT, () -> EngineConnection.pingClient().pingCmd().exec())) {
            markUnavailable("it did not answer a ping within " + EngineConnection.PING_TIMEOUT.toSeconds() + " s", true);
        }
        synchronized (LOCK) {
            if (lastUnavailableAt == null || lastUnavailableAt.isBefore(since)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of("the Docker engine did not answer at " + lastUnavailableAt + " (" + lastProblem + ")");
        }
    }

    /** Runs an engine call, counting it in flight until the engine answers (even when its caller stopped waiting). */
    static <T> T tracked(java.util.function.Supplier<T> call) {
        long id = CALLS.incrementAndGet();
        IN_FLIGHT.put(id, System.nanoTime());
        try {
            return call.get();
        } finally {
            IN_FLIGHT.remove(id);
        }
    }

    /** A description when some call has waited longer than {@link #SLOW_CALL}, else null. */
    private static String slowCall() {
        long now = System.nanoTime();
        // A call whose caller gave up long ago (stuck on an engine that never answered) no longer says anything.
        long forgotten = EngineConnection.responseTimeout().plusSeconds(10).toNanos();
        return IN_FLIGHT.values().stream().filter(start -> now - start > SLOW_CALL.toNanos() && now - start < forgotten).findAny()
                .map(start -> "a call has had no answer for " + Duration.ofNanos(now - start).toSeconds() + " s")
                .orElse(null);
    }

    /** One ping at a time, each within its deadline: a ping stuck on a silent engine does not hold anyone up. */
    private static boolean ping() {
        if (!PINGING.compareAndSet(false, true)) {
            return false;
        }
        try {
            return DockerCalls.answersWithin(EngineConnection.PING_TIMEOUT, () -> EngineConnection.pingClient().pingCmd().exec());
        } finally {
            PINGING.set(false);
        }
    }

    private static PlatformUnavailableException unavailable(String what, String known) {
        return new PlatformUnavailableException(what + ": the Docker engine does not answer (" + known + ")", null);
    }
}
