package nl.logius.platformacceptance.verdict;

import nl.logius.platformacceptance.register.Impact;

import java.util.List;

/**
 * The verdict on one knelpunt in one run, with its reason and the outcomes of the checks it rests on.
 *
 * @param impact         how badly it hurts the services it blocks (null in runs older than the field)
 * @param blocks         the services whose migration it blocks, as the run's register said (null in runs older than
 *                       the field: readiness then takes them from the register in force)
 * @param selected       whether this run selected it (by area or id); an unselected one is NOT_COVERED
 * @param measuredVerdict the verdict before any waiver (equal to verdict unless WAIVED)
 * @param waiver         the waiver that applies, or null
 * @param replay         the command that re-runs exactly its checks against the same target
 */
public record KnelpuntVerdict(String id, String area, String title, Impact impact, List<String> blocks, String criterion,
                              Verdict verdict, Verdict measuredVerdict, String reason, boolean selected,
                              List<CheckOutcome> checks, WaiverView waiver, String replay) {

    public KnelpuntVerdict {
        blocks = blocks == null ? null : List.copyOf(blocks);
        checks = List.copyOf(checks);
    }

    /** A waiver as verdicts.json shows it. */
    public record WaiverView(String reason, String approver, String expires, String release, boolean expired) {
    }
}
