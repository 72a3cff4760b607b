package nl.logius.platformacceptance.verdict;

/** The verdict on one knelpunt in one run. */
public enum Verdict {
    /** Every check of it ran and passed. */
    RESOLVED,
    /** A check of it failed its criterion. */
    FAILING,
    /** Nothing failed, but a check broke, was skipped, or passed only on a retry: no claim either way. */
    INCONCLUSIVE,
    /** No check verifies it (or none was selected in this run; the reason says which). */
    NOT_COVERED,
    /** A valid waiver covers it; its measured verdict is still shown. */
    WAIVED
}
