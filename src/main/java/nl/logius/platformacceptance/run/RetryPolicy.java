package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.verdict.CheckOutcome;
import nl.logius.platformacceptance.verdict.CheckStatus;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a check runs again ({@code --retry-broken N}): only a check that <em>broke</em> (could not measure: the
 * platform did not answer, a resource never appeared) is retried, at most {@code N} times. A check that
 * <em>failed</em> measured its criterion and missed it: running it until it passes is how a real defect gets
 * hidden, so it is never retried; a skipped check lacks a capability that a retry does not bring.
 *
 * <p>Retries are never silent: a check that passes only on a retry is flaky, in its outcome, in its Allure
 * result and on the console, and its knelpunt is INCONCLUSIVE, never RESOLVED. The default is no retry: a
 * retry cannot turn a verdict into RESOLVED, it only tells "broke once" from "broken", at the cost of time.
 *
 * @param retryBroken how often a broken check is run again (0 to {@value #MAX_RETRIES})
 */
public record RetryPolicy(int retryBroken) {

    public static final int MAX_RETRIES = 3;

    public RetryPolicy {
        if (retryBroken < 0 || retryBroken > MAX_RETRIES) {
            throw new IllegalArgumentException("retryBroken must be 0.." + MAX_RETRIES + ": " + retryBroken);
        }
    }

    public static RetryPolicy none() {
        return new RetryPolicy(0);
    }

    /** The checks to run as attempt {@code nextAttempt}: those whose latest attempt broke, while retries are left. */
    List<CheckDescriptor> toRetry(List<CheckDescriptor> checks, List<CheckOutcome> latestAttempts, int nextAttempt) {
        if (nextAttempt > 1 + retryBroken) {
            return List.of();
        }
        Set<String> broken = latestAttempts.stream().filter(o -> o.status() == CheckStatus.BROKEN)
                .map(CheckOutcome::id).collect(Collectors.toSet());
        return checks.stream().filter(c -> broken.contains(c.id())).toList();
    }
}
