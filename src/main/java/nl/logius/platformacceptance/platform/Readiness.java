package nl.logius.platformacceptance.platform;

import java.time.Duration;

/**
 * How the platform decides that an instance is ready to take traffic: it asks {@code path} on the
 * instance every {@code period}, each answer within {@code timeout}; one good answer puts the instance in
 * rotation, {@code failureThreshold} bad ones in a row take it out (Kubernetes: the pod's readiness probe).
 * A check that a criterion judges by these (KP-FO-03) sets them from the register; the defaults are ones
 * Kubernetes can honour (it cannot probe more often than once a second).
 *
 * @param path             the HTTP path asked on the instance (its probe answers it on both ports)
 * @param period           how often, at least one second
 * @param failureThreshold bad answers in a row before the instance is out of rotation
 * @param timeout          how long one answer may take, at least one second
 */
public record Readiness(String path, Duration period, int failureThreshold, Duration timeout) {

    public static final Readiness DEFAULT = new Readiness("/health", Duration.ofSeconds(1), 3, Duration.ofSeconds(1));

    public Readiness {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("readiness path must start with '/': " + path);
        }
        if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("readiness period must be whole seconds, at least 1 s (Kubernetes' limit): " + period);
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("readiness timeout must be whole seconds, at least 1 s: " + timeout);
        }
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("readiness failure threshold must be at least 1: " + failureThreshold);
        }
    }

    /** The longest an instance that stopped answering can stay in rotation, as the platform counts. */
    public Duration worstCaseRemoval() {
        return period.multipliedBy(failureThreshold).plus(timeout);
    }

    /** {@code GET /health every 1 s (timeout 1 s), out of rotation after 3 failures}. */
    public String describe() {
        return "GET " + path + " every " + period.toSeconds() + " s (timeout " + timeout.toSeconds() + " s), out of rotation after "
                + failureThreshold + " failure" + (failureThreshold == 1 ? "" : "s");
    }
}
