package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.verdict.RunVerdicts;
import nl.logius.platformacceptance.verdict.Verdict;

import java.util.List;

/**
 * What changed between two runs, per knelpunt, as {@code compare} shows it: verdicts, measurements that moved by
 * more than a margin, and drift of the checks themselves. {@link RunComparator} makes it.
 *
 * @param margin the relative change (0.5 = 50 %) above which a measurement counts as moved
 * @param notes  what a reader must know to weigh the comparison (different targets, calibration runs, ...)
 */
public record RunComparison(RunVerdicts before, RunVerdicts after, double margin, List<KnelpuntChange> knelpunten,
                            List<MeasurementMove> moves, List<Drift> drift, List<String> notes) {

    public RunComparison {
        knelpunten = List.copyOf(knelpunten);
        moves = List.copyOf(moves);
        drift = List.copyOf(drift);
        notes = List.copyOf(notes);
    }

    /** How a knelpunt's measured verdict changed; waivers are shown apart and do not change the kind. */
    public enum Change {
        REGRESSED("regressed (was RESOLVED, now FAILING)"),
        NOW_FAILING("failing (was inconclusive: not measured before)"),
        STILL_FAILING("still failing"),
        NEWLY_RESOLVED("newly resolved"),
        NEWLY_COVERED("newly covered"),
        NOW_INCONCLUSIVE("inconclusive now (could not be measured)"),
        NO_LONGER_CHECKED("not checked in the second run"),
        STILL_RESOLVED("still resolved"),
        STILL_INCONCLUSIVE("still inconclusive"),
        NOT_CHECKED("checked in neither run");

        private final String words;

        Change(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * @param before            the verdict in the first run (WAIVED where a waiver counted)
     * @param measuredBefore    the verdict before any waiver
     * @param reason            why, in the second run (in the first when the second did not check it)
     * @param waiverNote        how a waiver changed the picture, or empty
     * @param criterionWeakened whether a threshold or the set of checks of the knelpunt was weakened in between
     */
    public record KnelpuntChange(String id, String title, Change change, Verdict before, Verdict after,
                                 Verdict measuredBefore, Verdict measuredAfter, String reason, String waiverNote,
                                 boolean criterionWeakened) {

        /** A regression that no waiver covers: it makes compare exit 1. */
        public boolean blocking() {
            return change == Change.REGRESSED && after != Verdict.WAIVED;
        }
    }

    /**
     * A measurement present in both runs whose value moved by more than the margin, pass or fail.
     *
     * @param changeRatio (after - before) / |before|; infinite when before was 0
     * @param worse       whether it moved towards (or past) its threshold
     */
    public record MeasurementMove(String knelpunt, String check, String name, String unit, double before, double after,
                                  String comparator, double threshold, double changeRatio, boolean worse,
                                  boolean passedBefore, boolean passedAfter) {
    }

    public List<KnelpuntChange> regressions() {
        return knelpunten.stream().filter(k -> k.change() == Change.REGRESSED).toList();
    }

    /** 1 when a knelpunt regressed and no waiver covers it, else 0. */
    public int exitCode() {
        return knelpunten.stream().anyMatch(KnelpuntChange::blocking) ? 1 : 0;
    }
}
