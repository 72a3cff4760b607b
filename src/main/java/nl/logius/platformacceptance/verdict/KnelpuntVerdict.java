package nl.logius.platformacceptance.verdict;

import java.util.List;

/**
 * The verdict on one knelpunt in one run, with its reason and the outcomes of the checks it rests on.
 *
 * @param selected       whether this run selected it (by area or id); an unselected one is NOT_COVERED
 * @param measuredVerdict the verdict before any waiver (equal to verdict unless WAIVED)
 * @param waiver         the waiver that applies, or null
 * @param replay         the command that re-runs exactly its checks against the same target
 */
public record KnelpuntVerdict(String id, String area, String title, String criterion, Verdict verdict,
                              Verdict measuredVerdict, String reason, boolean selected, List<CheckOutcome> checks,
                              WaiverView waiver, String replay) {

    public KnelpuntVerdict {
        checks = List.copyOf(checks);
    }

    /** A waiver as verdicts.json shows it. */
    public record WaiverView(String reason, String approver, String expires, String release, boolean expired) {
    }
}
