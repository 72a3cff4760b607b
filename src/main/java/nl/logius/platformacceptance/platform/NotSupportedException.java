package nl.logius.platformacceptance.platform;

/**
 * The target lacks a capability a check needs (e.g. zones on a single-zone cluster). The check is skipped
 * with this reason, never passed or failed.
 */
public class NotSupportedException extends RuntimeException {
    public NotSupportedException(String message) {
        super(message);
    }
}
