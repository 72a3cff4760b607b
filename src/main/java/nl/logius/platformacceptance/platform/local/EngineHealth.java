package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.platform.PlatformUnavailableException;

import java.time.Duration;

/**
 * Whether the Docker engine answered lately, so that a run whose engine went away fails each remaining call
 * at once instead of waiting out every call's deadline: once a call found the engine gone, the next calls
 * first ask it a short ping (at most one per {@link #PING_INTERVAL}) and fail straight away while it does not
 * answer. An answer clears the mark: a passing hiccup costs one failed call, not the run.
 *
 * <p>It also turns a wait that timed out while the engine was silent into what it is: the platform could not
 * be observed (broken), not a platform too slow to recover (failed). See {@link #confirmAnswering(String)}.
 */
final class EngineHealth {

    static final Duration PING_INTERVAL = Duration.ofSeconds(1);

    private static final Object LOCK = new Object();
    private static String problem;
    private static long lastPingNanos;
    private static boolean lastPingAnswered;

    private EngineHealth() {
    }

    /** A call found the engine gone (refused, reset, or silent past its deadline). */
    static void markUnavailable(String what) {
        synchronized (LOCK) {
            problem = what;
            lastPingNanos = System.nanoTime();
            lastPingAnswered = false;
        }
    }

    /** Before a call: fails at once while the engine is known to be gone and does not answer a ping. */
    static void requireAvailable(String what) {
        String known;
        synchronized (LOCK) {
            known = problem;
            if (known == null) {
                return;
            }
            if (System.nanoTime() - lastPingNanos < PING_INTERVAL.toNanos()) {
                if (lastPingAnswered) {
                    return;
                }
                throw unavailable(what, known);
            }
            lastPingNanos = System.nanoTime();
        }
        boolean answered = ping();
        synchronized (LOCK) {
            lastPingAnswered = answered;
            if (answered) {
                problem = null;
                return;
            }
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
        if (!ping()) {
            markUnavailable(what + ": the Docker engine did not answer a ping within " + EngineConnection.PING_TIMEOUT.toSeconds() + " s");
            throw unavailable(what, "the Docker engine did not answer a ping within " + EngineConnection.PING_TIMEOUT.toSeconds() + " s");
        }
    }

    private static boolean ping() {
        try {
            EngineConnection.pingClient().pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static PlatformUnavailableException unavailable(String what, String known) {
        return new PlatformUnavailableException(what + ": the Docker engine does not answer (" + known + ")", null);
    }

    /** Forgets what was seen (tests that point the harness at another engine in the same process). */
    static void reset() {
        synchronized (LOCK) {
            problem = null;
            lastPingNanos = 0;
            lastPingAnswered = false;
        }
    }
}
