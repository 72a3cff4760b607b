package nl.logius.platformacceptance.check;

import java.time.Duration;

/**
 * Deadlines of the harness's own waits, those no criterion owns (a criterion's deadlines come from the
 * register). Exceeding one breaks a check: the platform did not get to the point where it can be measured.
 */
public final class Deadlines {

    /** A probe workload that a check needs as a tool (a client, a server to measure against) is ready. */
    public static final Duration TOOL_WORKLOAD_READY = Duration.ofSeconds(120);

    /** A baseline before a disruption, during which the service must be healthy (steady state). */
    public static final Duration STEADY_STATE_WINDOW = Duration.ofSeconds(3);

    /** How long a service may take to reach its steady state before a disruption; beyond it the check is broken. */
    public static final Duration STEADY_STATE_DEADLINE = Duration.ofSeconds(20);

    /** How long to keep measuring after recovery, to see that service stays healthy. */
    public static final Duration AFTER_RECOVERY_WINDOW = Duration.ofSeconds(3);

    /**
     * A killed instance has been replaced by the platform and the replacement is ready, in a check that needs
     * the replacement to measure something else (KP-STO-03); how fast it heals is KP-FO-01's criterion.
     */
    public static final Duration INSTANCE_REPLACED = Duration.ofSeconds(120);

    /**
     * How long to keep measuring after a rollout (update, rollback, scaling) has completed: an instance
     * removed last must not leave failed requests behind.
     */
    public static final Duration AFTER_ROLLOUT_WINDOW = Duration.ofSeconds(2);

    private Deadlines() {
    }
}
