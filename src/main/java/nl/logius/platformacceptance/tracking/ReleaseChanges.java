package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.verdict.KnelpuntStanding;
import nl.logius.platformacceptance.verdict.ReadinessCalculator.ReleaseStandings;
import nl.logius.platformacceptance.verdict.Verdict;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed per knelpunt between two releases of one target, by measured verdict (a waiver changes whether a
 * service may migrate, not what the platform did), as the steering-group page shows it.
 *
 * @param resolved         RESOLVED now, not on the previous release
 * @param regressed        RESOLVED on the previous release, FAILING now
 * @param newlyFailing     FAILING now, neither RESOLVED nor FAILING on the previous release (not verified there)
 * @param noLongerVerified RESOLVED on the previous release, now INCONCLUSIVE or NOT_COVERED
 */
record ReleaseChanges(List<KnelpuntStanding> resolved, List<KnelpuntStanding> regressed, List<KnelpuntStanding> newlyFailing,
                      List<KnelpuntStanding> noLongerVerified) {

    static ReleaseChanges between(ReleaseStandings previous, ReleaseStandings current) {
        Map<String, Verdict> before = previous.knelpunten().stream()
                .collect(Collectors.toMap(KnelpuntStanding::id, KnelpuntStanding::measuredVerdict, (a, b) -> a));
        Function<KnelpuntStanding, Verdict> was = k -> before.get(k.id());
        List<KnelpuntStanding> now = current.knelpunten();
        return new ReleaseChanges(
                now.stream().filter(k -> k.measuredVerdict() == Verdict.RESOLVED && was.apply(k) != Verdict.RESOLVED).toList(),
                now.stream().filter(k -> k.measuredVerdict() == Verdict.FAILING && was.apply(k) == Verdict.RESOLVED).toList(),
                now.stream().filter(k -> k.measuredVerdict() == Verdict.FAILING && was.apply(k) != Verdict.RESOLVED
                        && was.apply(k) != Verdict.FAILING).toList(),
                now.stream().filter(k -> notVerified(k.measuredVerdict()) && was.apply(k) == Verdict.RESOLVED).toList());
    }

    static boolean notVerified(Verdict measured) {
        return measured == Verdict.INCONCLUSIVE || measured == Verdict.NOT_COVERED;
    }
}
