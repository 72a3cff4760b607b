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

    /** The innermost cause, in one line for people: {@code ConnectException: Connection refused}. */
    public static String rootCauseOf(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
