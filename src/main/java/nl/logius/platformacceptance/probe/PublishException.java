package nl.logius.platformacceptance.probe;

/**
 * A push of the probe image that did not end with the registry serving the image that was built. Its message says
 * what happened and what to do, never a secret; nothing it concerns may be used.
 */
public final class PublishException extends RuntimeException {

    /** What went wrong, which decides the exit code of {@code publish-probe}. */
    public enum Kind {
        /** The registry could not be reached, or refused: connection, TLS trust, credentials, rights (exit 3). */
        REGISTRY_UNAVAILABLE,
        /** The registry answered, but what it holds under the digest is not the image that was built (exit 1). */
        DIGEST_MISMATCH
    }

    private final Kind kind;

    public PublishException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
