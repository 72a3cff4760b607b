package nl.logius.platformacceptance.verdict;

/**
 * Whether a service's migration may resume on a release of a target, judged by the knelpunten that block it
 * ({@code blocks:} in the register). The exit codes are those of {@code readiness}, a gate for pipelines.
 */
public enum Readiness {
    /** Every knelpunt that blocks the service is RESOLVED, or WAIVED by a waiver that still counts. */
    MAY_MIGRATE("may migrate", 0),
    /** At least one knelpunt that blocks the service is FAILING, and no waiver that still counts covers it. */
    BLOCKED("blocked", 1),
    /** None is failing, but at least one was not verified: INCONCLUSIVE or NOT_COVERED. */
    NOT_VERIFIED("not verified", 3);

    private final String words;
    private final int exitCode;

    Readiness(String words, int exitCode) {
        this.words = words;
        this.exitCode = exitCode;
    }

    /** {@code may migrate}, {@code blocked}, {@code not verified}. */
    public String words() {
        return words;
    }

    /** 0 may migrate, 1 blocked, 3 not verified. */
    public int exitCode() {
        return exitCode;
    }
}
