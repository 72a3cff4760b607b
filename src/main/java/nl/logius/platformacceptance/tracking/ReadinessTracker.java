package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.tracking.Overview.VerdictInRun;
import nl.logius.platformacceptance.tracking.RunHistory.RunEntry;
import nl.logius.platformacceptance.verdict.KnelpuntStanding;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.ReadinessCalculator;
import nl.logius.platformacceptance.verdict.ReadinessCalculator.ReleaseStandings;
import nl.logius.platformacceptance.verdict.ReleaseReadiness;
import nl.logius.platformacceptance.verdict.RunVerdicts;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The readiness of every service on every release of every target, from the finished release runs: per target,
 * per release, per knelpunt the verdict the overview shows (the newest run of the release that checked it), read
 * by {@link ReadinessCalculator}. Targets are kept apart: runs on one target never decide a release on another.
 * Releases of a target are ordered by their first run, so that re-running an old release does not make it newer.
 *
 * <p>Which services a knelpunt blocks is what its run recorded; for runs older than that record, the register in
 * force says it.
 *
 * <pre>{@code
 * ReadinessTracker tracker = ReadinessTracker.of(RunHistory.scan(root).releaseRuns(), register, LocalDate.now(ZoneOffset.UTC));
 * tracker.readiness("local", "2026.11").flatMap(r -> r.service("DigiD")).map(ServiceReadiness::state);
 * }</pre>
 */
public final class ReadinessTracker {

    private final List<String> services;
    private final Map<String, List<ReleaseStandings>> standingsByTarget;
    private final Map<String, List<ReleaseReadiness>> readinessByTarget;
    private final Set<String> referencePlatforms;

    private ReadinessTracker(List<String> services, Map<String, List<ReleaseStandings>> standingsByTarget,
                             Map<String, List<ReleaseReadiness>> readinessByTarget, Set<String> referencePlatforms) {
        this.referencePlatforms = Set.copyOf(referencePlatforms);
        this.services = List.copyOf(services);
        this.standingsByTarget = standingsByTarget;
        this.readinessByTarget = readinessByTarget;
    }

    /**
     * @param releaseRuns finished release runs (no calibration), in any order
     * @param register    the register in force: which services a knelpunt blocks where a run did not record it
     * @param day         the day on which waivers are judged
     */
    public static ReadinessTracker of(List<RunEntry> releaseRuns, Register register, LocalDate day) {
        List<RunEntry> newestFirst = releaseRuns.stream().sorted(Comparator.comparing(RunEntry::startedAt).reversed()).toList();
        Map<String, Map<String, List<RunEntry>>> byTargetAndRelease = new LinkedHashMap<>();
        for (RunEntry run : newestFirst) {
            byTargetAndRelease.computeIfAbsent(run.target(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(run.release(), r -> new ArrayList<>()).add(run);
        }
        Set<String> services = new LinkedHashSet<>(register.services());
        Map<String, List<ReleaseStandings>> standingsByTarget = new LinkedHashMap<>();
        byTargetAndRelease.forEach((target, releases) -> {
            List<ReleaseStandings> chronological = releases.values().stream()
                    .sorted(Comparator.comparing(ReadinessTracker::firstStart))
                    .map(runs -> standings(runs, register)).toList();
            chronological.forEach(release -> release.knelpunten().forEach(k -> services.addAll(k.blocks())));
            standingsByTarget.put(target, chronological);
        });
        Map<String, List<ReleaseReadiness>> readinessByTarget = new LinkedHashMap<>();
        standingsByTarget.forEach((target, chronological) ->
                readinessByTarget.put(target, ReadinessCalculator.compute(target, chronological, List.copyOf(services), day)));
        Set<String> referencePlatforms = new LinkedHashSet<>();
        newestFirst.stream().filter(RunEntry::referencePlatform).forEach(run -> referencePlatforms.add(run.target()));
        return new ReadinessTracker(List.copyOf(services), standingsByTarget, readinessByTarget, referencePlatforms);
    }

    /**
     * The readiness of each service on a run's release and target as of that run, which is not yet finished (its
     * folder is still marked incomplete): the run's own verdicts, with those of the earlier runs of the release for
     * the knelpunten it did not check. Empty for a calibration run, which is no verdict on a release.
     */
    public static Optional<ReleaseReadiness> asOfRun(Path outputRoot, Path folder, RunVerdicts run, Register register,
                                                     LocalDate day) {
        String path = outputRoot.relativize(folder).toString().replace('\\', '/');
        if (RunHistory.isCalibration(path, run.selection().injections())) {
            return Optional.empty();
        }
        List<RunEntry> runs = new ArrayList<>(RunHistory.scan(outputRoot).releaseRuns());
        runs.add(new RunEntry(folder, path, run.startedAt(), RunHistory.State.COMPLETE, run, null, false));
        return of(runs, register, day).readiness(run.target(), run.release());
    }

    /**
     * Whether the target's runs were on the local reference platform: what they say of a service proves the checks,
     * not that it may migrate on an LPC release.
     */
    public boolean isReferencePlatform(String target) {
        return referencePlatforms.contains(target);
    }

    /** Every service the register or a run names, in the register's order first. */
    public List<String> services() {
        return services;
    }

    /** The targets with finished release runs, the one with the newest run first. */
    public List<String> targets() {
        return List.copyOf(readinessByTarget.keySet());
    }

    /** The releases of a target, newest first (by their first run). */
    public List<ReleaseReadiness> releases(String target) {
        List<ReleaseReadiness> releases = new ArrayList<>(readinessByTarget.getOrDefault(target, List.of()));
        Collections.reverse(releases);
        return releases;
    }

    /** The targets on which a release has finished runs. */
    public List<String> targetsOf(String release) {
        return readinessByTarget.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(r -> r.release().equals(release)))
                .map(Map.Entry::getKey).toList();
    }

    public Optional<ReleaseReadiness> readiness(String target, String release) {
        return readinessByTarget.getOrDefault(target, List.of()).stream().filter(r -> r.release().equals(release)).findFirst();
    }

    /** The standing of each knelpunt on a release of a target, as its readiness read it. */
    public Optional<ReleaseStandings> standings(String target, String release) {
        return standingsByTarget.getOrDefault(target, List.of()).stream().filter(r -> r.release().equals(release)).findFirst();
    }

    /** The releases of a target with their standings, oldest first: for the picture of knelpunten over releases. */
    public List<ReleaseStandings> history(String target) {
        return standingsByTarget.getOrDefault(target, List.of());
    }

    private static Instant firstStart(List<RunEntry> newestFirst) {
        return newestFirst.get(newestFirst.size() - 1).startedAt();
    }

    private static ReleaseStandings standings(List<RunEntry> newestFirst, Register register) {
        Set<String> ids = new LinkedHashSet<>();
        newestFirst.forEach(run -> run.verdicts().knelpunten().forEach(k -> ids.add(k.id())));
        List<KnelpuntStanding> standings = new ArrayList<>();
        for (String id : ids) {
            Overview.verdictOnRelease(newestFirst, id).ifPresent(found -> standings.add(standing(found, register)));
        }
        return new ReleaseStandings(newestFirst.get(0).release(), newestFirst.stream().map(RunEntry::runId).toList(), standings);
    }

    private static KnelpuntStanding standing(VerdictInRun found, Register register) {
        KnelpuntVerdict verdict = found.verdict();
        Optional<Knelpunt> inRegister = register.find(verdict.id());
        List<String> blocks = verdict.blocks() != null ? verdict.blocks()
                : inRegister.map(Knelpunt::blocks).orElse(List.of());
        return new KnelpuntStanding(verdict.id(), verdict.title(),
                verdict.impact() != null ? verdict.impact() : inRegister.map(Knelpunt::impact).orElse(null), blocks,
                verdict.verdict(), KnelpuntTracker.measured(verdict), verdict.reason(), verdict.waiver(),
                found.run().runId(), found.run().path(), OverviewWords.knelpuntLink(found.run(), verdict.id()));
    }
}
