package nl.logius.platformacceptance.verdict;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The readiness of every service on one release of one target: the {@code services} section of verdicts.json,
 * what {@code readiness} prints and the steering-group page shows. It rests on the same verdicts as the overview:
 * per knelpunt, the newest run of the release on the target that checked it. Runs on another target never count:
 * a run on the local reference platform says nothing about a release of the LPC.
 *
 * @param runs            the runs the verdicts come from, newest first
 * @param waiversJudgedOn the day on which waivers were judged: one that expired by then no longer counts
 * @param previousRelease the release of the same target tested before this one, or null
 */
public record ReleaseReadiness(String target, String release, List<String> runs, LocalDate waiversJudgedOn,
                               String previousRelease, List<ServiceReadiness> services) {

    public ReleaseReadiness {
        runs = List.copyOf(runs);
        services = List.copyOf(services);
    }

    public Optional<ServiceReadiness> service(String name) {
        return services.stream().filter(s -> s.service().equals(name)).findFirst();
    }

    /** {@code release 2026.11 on target local}: every readiness output names the target. */
    public String describe() {
        return "release " + release + " on target " + target;
    }
}
