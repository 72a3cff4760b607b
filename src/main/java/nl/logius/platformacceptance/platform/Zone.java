package nl.logius.platformacceptance.platform;

/** A failure domain of the platform; workloads spread their instances over zones. */
public record Zone(String name) {
    @Override
    public String toString() {
        return name;
    }
}
