package nl.logius.platformacceptance.platform;

import java.time.Duration;

/**
 * Something awaited did not happen within its deadline. Drivers throw it; a check either turns it into a
 * failed measurement (when the deadline is the criterion's) or lets it break the check.
 */
public class DeadlineExceededException extends PlatformException {

    private final String awaited;
    private final Duration deadline;

    public DeadlineExceededException(String awaited, Duration deadline, String lastState) {
        super("timed out after " + deadline.toSeconds() + " s waiting for " + awaited
                + (lastState == null || lastState.isEmpty() ? "" : " (last seen: " + lastState + ")"));
        this.awaited = awaited;
        this.deadline = deadline;
    }

    public String awaited() {
        return awaited;
    }

    public Duration deadline() {
        return deadline;
    }
}
