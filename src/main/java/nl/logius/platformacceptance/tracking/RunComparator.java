package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.tracking.Drift.Direction;
import nl.logius.platformacceptance.tracking.RunComparison.Change;
import nl.logius.platformacceptance.tracking.RunComparison.KnelpuntChange;
import nl.logius.platformacceptance.tracking.RunComparison.MeasurementMove;
import nl.logius.platformacceptance.verdict.CheckOutcome;
import nl.logius.platformacceptance.verdict.CheckOutcome.MeasurementView;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.RunVerdicts;
import nl.logius.platformacceptance.verdict.Verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares two runs, the first as "before" and the second as "after", per knelpunt of either:
 * <ul>
 *   <li>the change of its measured verdict (regressed: RESOLVED then FAILING; newly resolved; still failing;
 *       newly covered; ...), with how waivers changed the picture;</li>
 *   <li>measurements of a check that ran in both that moved by more than {@code margin} of their first value,
 *       whether or not they still meet their threshold (p99 latency doubled, still within it);</li>
 *   <li>drift of the checks themselves ({@link CheckDrift}), and whether a knelpunt turned RESOLVED while its
 *       criterion was weakened.</li>
 * </ul>
 */
public final class RunComparator {

    /** The default margin: a measurement that moved by more than half its first value is shown. */
    public static final double DEFAULT_MARGIN = 0.5;

    private RunComparator() {
    }

    public static RunComparison compare(RunVerdicts before, RunVerdicts after, double margin) {
        List<Drift> drift = CheckDrift.between(before, after);
        Map<String, KnelpuntVerdict> first = byId(before);
        Map<String, KnelpuntVerdict> second = byId(after);
        Map<String, KnelpuntVerdict> all = new LinkedHashMap<>(second);
        first.forEach(all::putIfAbsent);
        List<KnelpuntChange> changes = new ArrayList<>();
        List<MeasurementMove> moves = new ArrayList<>();
        for (String id : all.keySet()) {
            KnelpuntVerdict a = first.get(id);
            KnelpuntVerdict b = second.get(id);
            boolean weakened = drift.stream().anyMatch(d -> d.direction() == Direction.WEAKENED && d.knelpunt().equals(id));
            changes.add(change(id, all.get(id).title(), a, b, weakened));
            if (checked(a) && checked(b)) {
                moves.addAll(moves(id, a, b, margin));
            }
        }
        return new RunComparison(before, after, margin, changes, moves, drift, notes(before, after));
    }

    private static KnelpuntChange change(String id, String title, KnelpuntVerdict a, KnelpuntVerdict b, boolean weakened) {
        Verdict m1 = checked(a) ? KnelpuntTracker.measured(a) : Verdict.NOT_COVERED;
        Verdict m2 = checked(b) ? KnelpuntTracker.measured(b) : Verdict.NOT_COVERED;
        Change change;
        if (!checked(a) && !checked(b)) {
            change = Change.NOT_CHECKED;
        } else if (!checked(a)) {
            change = Change.NEWLY_COVERED;
        } else if (!checked(b)) {
            change = Change.NO_LONGER_CHECKED;
        } else if (m2 == Verdict.FAILING) {
            change = m1 == Verdict.RESOLVED ? Change.REGRESSED : m1 == Verdict.FAILING ? Change.STILL_FAILING : Change.NOW_FAILING;
        } else if (m2 == Verdict.RESOLVED) {
            change = m1 == Verdict.RESOLVED ? Change.STILL_RESOLVED : Change.NEWLY_RESOLVED;
        } else {
            change = m1 == Verdict.INCONCLUSIVE ? Change.STILL_INCONCLUSIVE : Change.NOW_INCONCLUSIVE;
        }
        KnelpuntVerdict shown = b != null && (checked(b) || a == null) ? b : a;
        return new KnelpuntChange(id, title, change, a == null ? null : a.verdict(), b == null ? null : b.verdict(), m1, m2,
                shown == null ? "" : shown.reason(), waiverNote(a, b), weakened);
    }

    private static String waiverNote(KnelpuntVerdict a, KnelpuntVerdict b) {
        if (b != null && b.waiver() != null) {
            KnelpuntVerdict.WaiverView waiver = b.waiver();
            if (waiver.expired()) {
                return "its waiver expired on " + waiver.expires() + " and no longer counts";
            }
            return b.verdict() == Verdict.WAIVED
                    ? "waived until " + waiver.expires() + " by " + waiver.approver() + ": " + waiver.reason()
                    : "a waiver until " + waiver.expires() + " exists but was not needed";
        }
        return a != null && a.verdict() == Verdict.WAIVED ? "was waived in the first run; no waiver now" : "";
    }

    /** Measurements of checks that ran in both runs, matched by check, name and order of recording. */
    private static List<MeasurementMove> moves(String id, KnelpuntVerdict a, KnelpuntVerdict b, double margin) {
        List<MeasurementMove> moves = new ArrayList<>();
        for (CheckOutcome check : b.checks()) {
            Optional<CheckOutcome> earlier = a.checks().stream().filter(c -> c.id().equals(check.id())).findFirst();
            if (earlier.isEmpty()) {
                continue;
            }
            Map<String, MeasurementView> previous = keyed(id, earlier.get().measurements());
            keyed(id, check.measurements()).forEach((key, now) -> {
                MeasurementView was = previous.get(key);
                // Observations have no threshold to move towards; only judged measurements are compared.
                if (was != null && !now.isObservation() && !was.isObservation() && moved(was.value(), now.value(), margin)) {
                    double ratio = was.value() == 0 ? Double.POSITIVE_INFINITY * Math.signum(now.value())
                            : (now.value() - was.value()) / Math.abs(was.value());
                    moves.add(new MeasurementMove(id, check.id(), now.name(), now.unit(), was.value(), now.value(),
                            now.comparator(), now.threshold(), ratio, worse(was.value(), now.value(), now.comparator(),
                            now.threshold()), was.passed(), now.passed()));
                }
            });
        }
        return moves;
    }

    static boolean moved(double before, double after, double margin) {
        if (before == after || Double.isNaN(before) || Double.isNaN(after)) {
            return false;
        }
        return before == 0 || Math.abs(after - before) / Math.abs(before) > margin;
    }

    /** Whether {@code after} lies closer to (or further past) the threshold than {@code before}. */
    static boolean worse(double before, double after, String comparator, double threshold) {
        return switch (comparator) {
            case "<=", "<" -> after > before;
            case ">=", ">" -> after < before;
            default -> Math.abs(after - threshold) > Math.abs(before - threshold);
        };
    }

    /** {@code name#n}: the n-th measurement of that name for this knelpunt, as a check may measure a name per size. */
    private static Map<String, MeasurementView> keyed(String knelpunt, List<MeasurementView> measurements) {
        Map<String, MeasurementView> keyed = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (MeasurementView m : measurements) {
            if (m.knelpunt() == null || m.knelpunt().equals(knelpunt)) {
                int n = seen.merge(m.name(), 1, Integer::sum);
                keyed.put(m.name() + "#" + n, m);
            }
        }
        return keyed;
    }

    private static boolean checked(KnelpuntVerdict verdict) {
        return verdict != null && verdict.selected() && KnelpuntTracker.measured(verdict) != Verdict.NOT_COVERED;
    }

    private static Map<String, KnelpuntVerdict> byId(RunVerdicts run) {
        Map<String, KnelpuntVerdict> map = new LinkedHashMap<>();
        run.knelpunten().forEach(k -> map.put(k.id(), k));
        return map;
    }

    private static List<String> notes(RunVerdicts before, RunVerdicts after) {
        List<String> notes = new ArrayList<>();
        if (before.runId().equals(after.runId())) {
            notes.add("both folders hold the same run " + before.runId());
        }
        if (before.target() != null && !before.target().equals(after.target())) {
            notes.add("the runs are of different targets (" + before.target() + ", " + after.target()
                    + "): a change may come from the target, not from the release");
        }
        for (RunVerdicts run : List.of(before, after)) {
            if (run.selection() != null && !run.selection().injections().isEmpty()) {
                notes.add("run " + run.runId() + " is a calibration run with injected faults (" + String.join(", ",
                        run.selection().injections()) + "): its failures are deliberate, not the release's");
            }
            if (run.fingerprints().isEmpty() && run.knelpunten().stream().anyMatch(RunComparator::checked)) {
                notes.add("run " + run.runId() + " records no fingerprints of its checks (an older harness): drift of the "
                        + "checks cannot be shown");
            }
        }
        if (before.startedAt() != null && after.startedAt() != null && before.startedAt().isAfter(after.startedAt())) {
            notes.add("the first run started after the second: 'before' and 'after' follow the order given");
        }
        return notes;
    }
}
