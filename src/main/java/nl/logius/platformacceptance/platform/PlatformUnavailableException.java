package nl.logius.platformacceptance.platform;

/** The platform does not answer at all (engine stopped, cluster unreachable). */
public class PlatformUnavailableException extends PlatformException {
    public PlatformUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
