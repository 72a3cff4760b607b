package nl.logius.platformacceptance.target;

/** Which driver talks to a target. */
public enum PlatformKind {
    /** The local reference platform on the Docker engine of this machine; the only kind with injections. */
    LOCAL,
    KUBERNETES,
    OPENSHIFT;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
