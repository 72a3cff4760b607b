package nl.logius.platformacceptance.check;

/**
 * The run's deadline passed while a check was running: the check was stopped before it could measure
 * everything. It is broken (its knelpunt INCONCLUSIVE), never failed: the platform was not shown to miss a
 * criterion, the run ran out of time.
 */
public final class RunDeadlineExceeded extends RuntimeException {
    public RunDeadlineExceeded(String message) {
        super(message);
    }
}
