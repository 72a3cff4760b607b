package nl.logius.platformacceptance.verdict;

import nl.logius.platformacceptance.verdict.ServiceReadiness.Change;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * From the standing of each knelpunt on the releases of one target to the readiness of each service:
 * <ul>
 *   <li>BLOCKED when a knelpunt that blocks the service is FAILING (a waiver that expired since the run no longer
 *       covers it);</li>
 *   <li>else NOT_VERIFIED when one is INCONCLUSIVE or NOT_COVERED, or when no knelpunt of the release names the
 *       service at all (nothing was verified for it);</li>
 *   <li>else MAY_MIGRATE: each is RESOLVED, or WAIVED by a waiver that still counts on the day of judgement.</li>
 * </ul>
 * Then, over the releases in the order they were first tested: since which release the state holds, and what
 * changed against the release before.
 *
 * <pre>{@code
 * List<ReleaseReadiness> perRelease = ReadinessCalculator.compute("local", List.of(older, newer), register.services(), today);
 * }</pre>
 */
public final class ReadinessCalculator {

    private static final Comparator<KnelpuntStanding> WORST_FIRST =
            Comparator.comparing(KnelpuntStanding::impact, Comparator.nullsLast(Comparator.naturalOrder()));

    private ReadinessCalculator() {
    }

    /**
     * The knelpunten of one release of a target as readiness reads them.
     *
     * @param runs the runs their verdicts come from, newest first
     */
    public record ReleaseStandings(String release, List<String> runs, List<KnelpuntStanding> knelpunten) {
        public ReleaseStandings {
            runs = List.copyOf(runs);
            knelpunten = List.copyOf(knelpunten);
        }
    }

    /**
     * @param chronological the releases of one target, oldest first (by their first run)
     * @param services      the services to judge, in the order to show them
     * @param day           the day on which waivers are judged
     * @return per release, in the same order
     */
    public static List<ReleaseReadiness> compute(String target, List<ReleaseStandings> chronological, List<String> services,
                                                 LocalDate day) {
        List<ReleaseReadiness> result = new ArrayList<>();
        Map<String, ServiceReadiness> previous = new HashMap<>();
        String previousRelease = null;
        for (ReleaseStandings release : chronological) {
            List<KnelpuntStanding> standings = release.knelpunten().stream().map(k -> k.asOf(day)).toList();
            List<ServiceReadiness> judged = new ArrayList<>();
            for (String service : services) {
                ServiceReadiness readiness = judge(service, standings, day, release.release(), previousRelease,
                        previous.get(service));
                judged.add(readiness);
                previous.put(service, readiness);
            }
            result.add(new ReleaseReadiness(target, release.release(), release.runs(), day, previousRelease, judged));
            previousRelease = release.release();
        }
        return result;
    }

    private static ServiceReadiness judge(String service, List<KnelpuntStanding> standings, LocalDate day, String release,
                                          String previousRelease, ServiceReadiness before) {
        List<KnelpuntStanding> blocking = standings.stream().filter(k -> k.blocks().contains(service)).toList();
        List<KnelpuntStanding> blockers = blocking.stream().filter(k -> k.verdict() == Verdict.FAILING).sorted(WORST_FIRST).toList();
        List<KnelpuntStanding> waived = blocking.stream().filter(k -> k.validlyWaivedOn(day)).toList();
        List<KnelpuntStanding> notVerified = blocking.stream()
                .filter(k -> k.verdict() != Verdict.FAILING && k.verdict() != Verdict.RESOLVED && !k.validlyWaivedOn(day))
                .sorted(WORST_FIRST).toList();
        Readiness state = !blockers.isEmpty() ? Readiness.BLOCKED
                : !notVerified.isEmpty() || blocking.isEmpty() ? Readiness.NOT_VERIFIED : Readiness.MAY_MIGRATE;
        Readiness previousState = before == null ? null : before.state();
        String since = before != null && before.state() == state ? before.since() : release;
        List<String> ids = blocking.stream().map(KnelpuntStanding::id).toList();
        List<String> blockerIds = blockers.stream().map(KnelpuntStanding::id).toList();
        List<String> previousBlockers = before == null ? List.of() : before.blockers().stream().map(KnelpuntStanding::id).toList();
        return new ServiceReadiness(service, state, summary(state, blocking, blockers, notVerified, waived), ids, blockers,
                notVerified, waived, since, previousRelease, previousState, Change.between(previousState, state),
                blockerIds.stream().filter(id -> !previousBlockers.contains(id)).toList(),
                previousBlockers.stream().filter(id -> !blockerIds.contains(id)).toList());
    }

    private static String summary(Readiness state, List<KnelpuntStanding> blocking, List<KnelpuntStanding> blockers,
                                  List<KnelpuntStanding> notVerified, List<KnelpuntStanding> waived) {
        int all = blocking.size();
        return switch (state) {
            case BLOCKED -> blockers.size() + " of its " + all + " knelpunten FAILING"
                    + (notVerified.isEmpty() ? "" : ", " + notVerified.size() + " not verified");
            case NOT_VERIFIED -> all == 0 ? "no knelpunt in the runs of this release names it, so nothing was verified for it"
                    : notVerified.size() + " of its " + all + " knelpunten not verified (INCONCLUSIVE or NOT_COVERED), none FAILING";
            case MAY_MIGRATE -> waived.isEmpty() ? "all " + all + " of its knelpunten RESOLVED"
                    : "all " + all + " of its knelpunten RESOLVED or waived (" + waived.size() + " waived)";
        };
    }
}
