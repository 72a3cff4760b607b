package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.tracking.RunComparison.Change;
import nl.logius.platformacceptance.tracking.RunComparison.KnelpuntChange;
import nl.logius.platformacceptance.tracking.RunComparison.MeasurementMove;
import nl.logius.platformacceptance.verdict.RunVerdicts;
import nl.logius.platformacceptance.verdict.Verdict;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code compare}'s output for people and CI logs: the two runs, then the knelpunten grouped by what changed
 * (the ones that need attention first, the unchanged ones on one line each group), the measurements that moved,
 * the drift of the checks, and the result with its exit code.
 */
public final class ComparisonText {

    /** Groups shown knelpunt by knelpunt; the others are listed by id only. */
    private static final Set<Change> IN_DETAIL = EnumSet.of(Change.REGRESSED, Change.NEWLY_RESOLVED, Change.STILL_FAILING,
            Change.NOW_FAILING, Change.NEWLY_COVERED, Change.NOW_INCONCLUSIVE, Change.NO_LONGER_CHECKED);

    private ComparisonText() {
    }

    public static String render(RunComparison comparison) {
        StringBuilder text = new StringBuilder();
        text.append("Before: ").append(describe(comparison.before())).append('\n');
        text.append("After:  ").append(describe(comparison.after())).append('\n');
        comparison.notes().forEach(note -> text.append("Note: ").append(note).append('\n'));
        for (Change change : Change.values()) {
            List<KnelpuntChange> group = comparison.knelpunten().stream().filter(k -> k.change() == change).toList();
            if (group.isEmpty() && change != Change.REGRESSED) {
                continue;
            }
            text.append('\n').append(change.words().toUpperCase(Locale.ROOT)).append(" (").append(group.size()).append(")");
            if (!IN_DETAIL.contains(change)) {
                text.append(": ").append(group.stream().map(KnelpuntChange::id).collect(Collectors.joining(", "))).append('\n');
                continue;
            }
            text.append('\n');
            for (KnelpuntChange k : group) {
                text.append(String.format(Locale.ROOT, "  %-10s %s → %s  %s%n", k.id(), verdict(k.before(), k.measuredBefore()),
                        verdict(k.after(), k.measuredAfter()), k.title()));
                text.append("             ").append(firstLine(k.reason())).append('\n');
                if (!k.waiverNote().isEmpty()) {
                    text.append("             ").append(k.waiverNote()).append('\n');
                }
                if (k.criterionWeakened() && k.change() == Change.NEWLY_RESOLVED) {
                    text.append("             WARNING: it turned RESOLVED while its criterion was weakened (see drift below)\n");
                }
            }
            if (group.isEmpty()) {
                text.append("  none\n");
            }
        }
        moves(comparison, text);
        drift(comparison, text);
        long blocking = comparison.knelpunten().stream().filter(KnelpuntChange::blocking).count();
        long waived = comparison.regressions().size() - blocking;
        text.append('\n').append(blocking == 0 ? "Result: no regression" : "Result: " + blocking + " regression(s)")
                .append(waived > 0 ? " (" + waived + " more covered by a waiver)" : "")
                .append(", exit ").append(comparison.exitCode()).append('\n');
        return text.toString();
    }

    private static void moves(RunComparison comparison, StringBuilder text) {
        text.append('\n').append("MEASUREMENTS THAT MOVED BY MORE THAN ")
                .append(Threshold.formatNumber(comparison.margin() * 100)).append(" % (").append(comparison.moves().size()).append(")\n");
        if (comparison.moves().isEmpty()) {
            text.append("  none\n");
        }
        for (MeasurementMove move : comparison.moves()) {
            text.append(String.format(Locale.ROOT, "  %-10s %s %s: %s → %s %s (%s, %s); criterion %s %s %s, %s%n", move.knelpunt(),
                    move.check(), move.name(), Threshold.formatNumber(move.before()), Threshold.formatNumber(move.after()), move.unit(),
                    ratio(move.changeRatio()), move.worse() ? "worse" : "better", move.comparator(),
                    Threshold.formatNumber(move.threshold()), move.unit(), move.passedAfter() ? "still met"
                            : move.passedBefore() ? "no longer met" : "still not met"));
        }
    }

    private static void drift(RunComparison comparison, StringBuilder text) {
        text.append('\n').append("DRIFT OF THE CHECKS (").append(comparison.drift().size()).append(")\n");
        if (comparison.drift().isEmpty()) {
            text.append("  none: every check that ran in both runs has the same code and criterion\n");
        }
        comparison.drift().forEach(d -> text.append("  ").append(d.describe()).append('\n'));
    }

    private static String describe(RunVerdicts run) {
        String kind = run.selection() != null && !run.selection().injections().isEmpty()
                ? ", calibration (injected " + String.join(", ", run.selection().injections()) + ")" : "";
        return "release " + run.release() + ", target " + run.target() + ", run " + run.runId() + ", started "
                + run.startedAt() + kind + (run.harness() == null ? "" : ", harness " + run.harness().commit());
    }

    private static String verdict(Verdict verdict, Verdict measured) {
        if (verdict == null) {
            return "(absent)";
        }
        return verdict == measured || measured == null ? verdict.name() : verdict.name() + " (measured " + measured + ")";
    }

    private static String ratio(double ratio) {
        if (Double.isInfinite(ratio)) {
            return "from 0";
        }
        return (ratio > 0 ? "+" : "") + Threshold.formatNumber(ratio * 100) + " %";
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
