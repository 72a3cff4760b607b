package nl.logius.platformacceptance.verdict;

/**
 * Which build of the harness ran, as far as the verdicts depend on it: every check's code and the probe image
 * it deploys. A calibration proves the checks of one build; a run relies on it only when its own build is the
 * same ({@link #sameAs}), whatever the commit says (a run from an unpacked jar has none).
 *
 * @param checks     {@code sha256:<hex>} over every check of the build, sorted by id: its id and the SHA-256 of its
 *                   bytecode (the {@link CheckFingerprint#code()} of each)
 * @param checkCount how many checks that covers
 * @param probeImage the digest ({@code sha256:...}) of the probe image the platform ran for this build, as in
 *                   {@code provenance.probeImage}; null when it is not known (the platform was not reached)
 */
public record HarnessBuild(String checks, int checkCount, String probeImage) {

    /** The same checks, and the same probe image where both know theirs. */
    public boolean sameAs(HarnessBuild other) {
        return other != null && checks.equals(other.checks)
                && (probeImage == null || other.probeImage == null || probeImage.equals(other.probeImage));
    }

    /** One line for people. */
    public String describe() {
        return checkCount + " check(s) " + checks + ", probe image " + (probeImage == null ? "unknown" : probeImage);
    }
}
