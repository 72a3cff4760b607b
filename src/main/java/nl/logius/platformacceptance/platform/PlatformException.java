package nl.logius.platformacceptance.platform;

/**
 * The platform did not do what the harness asked (an operation failed, a resource never appeared). A check
 * that ends with it is broken, not failed: its knelpunt becomes INCONCLUSIVE.
 */
public class PlatformException extends RuntimeException {
    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
