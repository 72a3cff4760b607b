package nl.logius.platformacceptance.platform;

/**
 * What a platform reports about itself, for the run's provenance.
 *
 * @param kind    the driver, e.g. {@code local}
 * @param name    the product, e.g. {@code Docker Engine}
 * @param version the version as the platform reports it, e.g. {@code 20.10.24 (API 1.41)}
 */
public record PlatformInfo(String kind, String name, String version) {
    @Override
    public String toString() {
        return name + " " + version;
    }
}
