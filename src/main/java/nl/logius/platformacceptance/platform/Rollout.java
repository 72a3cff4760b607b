package nl.logius.platformacceptance.platform;

/**
 * How a workload moves to another version (Kubernetes: the Deployment's rolling update strategy):
 * at most {@code maxSurge} instances above the desired number, at most {@code maxUnavailable} below it.
 *
 * @param maxSurge       extra instances the rollout may start before it retires old ones
 * @param maxUnavailable instances the rollout may retire before their replacements are ready
 */
public record Rollout(int maxSurge, int maxUnavailable) {

    /** One new instance at a time, none retired before its replacement is ready: no capacity lost. */
    public static final Rollout ONE_AT_A_TIME = new Rollout(1, 0);

    public Rollout {
        if (maxSurge < 0 || maxUnavailable < 0 || maxSurge + maxUnavailable == 0) {
            throw new IllegalArgumentException("a rollout needs maxSurge or maxUnavailable above 0: " + maxSurge + "/" + maxUnavailable);
        }
    }

    /** {@code max surge 1, max unavailable 0}. */
    public String describe() {
        return "max surge " + maxSurge + ", max unavailable " + maxUnavailable;
    }
}
