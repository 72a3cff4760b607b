package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.tracking.RunHistory.RunEntry;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status of each knelpunt over time on one target, as an issue tracker would keep it: when it was first
 * seen failing, when it was first verified resolved, every regression since (RESOLVED, then FAILING), and where
 * it stands now. Built from the release runs in the order they ran; calibration runs never count.
 *
 * <p>It follows the measured verdict: a waiver changes whether a run fails, not what the platform did. A run
 * that did not select a knelpunt says nothing about it; an INCONCLUSIVE run neither resolves nor regresses it.
 */
public final class KnelpuntTracker {

    private KnelpuntTracker() {
    }

    /** Where a knelpunt stands. */
    public enum State {
        /** No run has checked it. */
        NEVER_CHECKED("never checked"),
        /** Checked, but never measured either way (its checks broke or were skipped). */
        NOT_YET_MEASURED("not yet measured"),
        /** Failing, and never verified resolved. */
        OPEN("open"),
        /** Verified resolved by the latest conclusive run. */
        RESOLVED("resolved"),
        /** Failing again after it had been verified resolved. */
        REGRESSED("regressed");

        private final String words;

        State(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * @param knelpunt       its id
     * @param state          where it stands
     * @param latest         the newest run that checked it, or null
     * @param latestVerdict  its verdict in that run (WAIVED when a waiver counted), or null
     * @param since          the first run of the current unbroken series of the same measured verdict, or null
     * @param firstFailing   the first run that measured it FAILING, or null
     * @param firstResolved  the first run that verified it RESOLVED, or null
     * @param regressions    every run that measured it FAILING after a RESOLVED one, oldest first
     */
    public record Status(String knelpunt, State state, RunEntry latest, Verdict latestVerdict, RunEntry since,
                         RunEntry firstFailing, RunEntry firstResolved, List<RunEntry> regressions) {
        public Status {
            regressions = List.copyOf(regressions);
        }
    }

    /**
     * @param runs          finished release runs of one target, in any order
     * @param knelpuntIds   the knelpunten to track, in the order to show them
     * @return per knelpunt id, in the order given
     */
    public static Map<String, Status> track(List<RunEntry> runs, List<String> knelpuntIds) {
        List<RunEntry> chronological = runs.stream().sorted(Comparator.comparing(RunEntry::startedAt)).toList();
        Map<String, Status> statuses = new LinkedHashMap<>();
        for (String id : knelpuntIds) {
            statuses.put(id, track(id, chronological));
        }
        return statuses;
    }

    private static Status track(String id, List<RunEntry> chronological) {
        RunEntry latest = null;
        Verdict latestVerdict = null;
        RunEntry since = null;
        Verdict sinceMeasured = null;
        RunEntry firstFailing = null;
        RunEntry firstResolved = null;
        Verdict lastConclusive = null;
        List<RunEntry> regressions = new ArrayList<>();
        for (RunEntry run : chronological) {
            Optional<KnelpuntVerdict> checked = checkedIn(run, id);
            if (checked.isEmpty()) {
                continue;
            }
            Verdict measured = measured(checked.get());
            if (measured == Verdict.FAILING) {
                firstFailing = firstFailing == null ? run : firstFailing;
                if (lastConclusive == Verdict.RESOLVED) {
                    regressions.add(run);
                }
            }
            if (measured == Verdict.RESOLVED && firstResolved == null) {
                firstResolved = run;
            }
            if (measured == Verdict.FAILING || measured == Verdict.RESOLVED) {
                lastConclusive = measured;
            }
            if (measured != sinceMeasured) {
                since = run;
                sinceMeasured = measured;
            }
            latest = run;
            latestVerdict = checked.get().verdict();
        }
        State state;
        if (latest == null) {
            state = State.NEVER_CHECKED;
        } else if (lastConclusive == null) {
            state = State.NOT_YET_MEASURED;
        } else if (lastConclusive == Verdict.RESOLVED) {
            state = State.RESOLVED;
        } else {
            state = firstResolved != null ? State.REGRESSED : State.OPEN;
        }
        return new Status(id, state, latest, latestVerdict, since, firstFailing, firstResolved, regressions);
    }

    /** The knelpunt's verdict in a run that checked it: selected, and verified by a check of the harness. */
    static Optional<KnelpuntVerdict> checkedIn(RunEntry run, String id) {
        return run.verdicts().knelpunten().stream()
                .filter(k -> k.id().equals(id) && k.selected() && measured(k) != Verdict.NOT_COVERED)
                .findFirst();
    }

    /** The verdict before any waiver (older runs may not record it separately). */
    static Verdict measured(KnelpuntVerdict verdict) {
        return verdict.measuredVerdict() != null ? verdict.measuredVerdict() : verdict.verdict();
    }
}
