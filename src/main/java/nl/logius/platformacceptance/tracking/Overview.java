package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.bundle.BundleVerifier;
import nl.logius.platformacceptance.bundle.TrustedKeys;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.tracking.RunHistory.RunEntry;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.Verdict;

import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The overview of every run under an output root, as {@link OverviewMarkdown} and {@link OverviewHtml} render it:
 * per kind of target a matrix of knelpunten (rows) by release (columns, newest release first: the release whose
 * newest run started last) with the tracker status of each knelpunt, and every run folder, calibration and
 * unfinished ones apart.
 *
 * <p>Runs on real targets (a platform release) and runs on the local reference platform (which proves the checks,
 * not an LPC release) are two matrices that never mix: "first verified resolved" on the reference platform says
 * nothing about a release.
 *
 * <p>A cell shows the knelpunt's verdict in the newest run of that release that checked it (a release may be
 * run area by area); when no run of the release selected it, the newest run's NOT_COVERED with its reason.
 *
 * @param releases  the runs on real targets
 * @param reference the runs on the local reference platform
 * @param readiness whether each service may migrate, per target and release (waivers judged on the day generated)
 * @param seals     per run folder (its path under the root), whether its seal is intact and whose it is; empty when
 *                  no trusted keys were given
 * @param trusted   the trusted-keys file the seals were checked against, when one was given
 */
public record Overview(RunHistory history, Instant generatedAt, Matrix releases, Matrix reference, ReadinessTracker readiness,
                       Map<String, Seal> seals, Optional<String> trusted) {

    /**
     * Knelpunten by release on one kind of target, and the status of each over time per target.
     *
     * @param columns  one per release and target, newest first
     * @param rows     one per knelpunt, in the order of the newest run's register
     * @param trackers one per target, in the order of the columns
     */
    public record Matrix(List<Column> columns, List<Row> rows, List<TargetTracker> trackers) {
    }

    /**
     * A run's seal as checked against the trusted keys.
     *
     * @param trusted whether it is intact and sealed by a trusted key
     * @param words   {@code sealed by NAME}, {@code NOT TRUSTED: why}, {@code TAMPERED: ...}
     */
    public record Seal(boolean trusted, String words) {
    }

    /** The runs of one release on one target, newest first. */
    public record Column(String release, String target, List<RunEntry> runs) {
        public RunEntry newest() {
            return runs.get(0);
        }
    }

    /** One knelpunt across the releases; {@code cells} line up with the columns. */
    public record Row(String id, String area, String title, List<Cell> cells) {
    }

    /**
     * @param verdict  the knelpunt's verdict, or null when the release's runs do not know the knelpunt
     * @param measured the verdict before any waiver
     * @param reason   why
     * @param run      the run the verdict comes from, or null
     */
    public record Cell(Verdict verdict, Verdict measured, String reason, RunEntry run) {
    }

    /** The tracker status of every knelpunt on one target. */
    public record TargetTracker(String target, Map<String, KnelpuntTracker.Status> statuses) {
    }

    /** @param register the register in force: which services a knelpunt blocks, where a run did not record it */
    public static Overview of(RunHistory history, Register register, Instant generatedAt) {
        return of(history, register, generatedAt, Optional.empty());
    }

    /** With every finished run's seal checked against {@code trustedKeys}, when given. */
    public static Overview of(RunHistory history, Register register, Instant generatedAt, Optional<TrustedKeys> trustedKeys) {
        List<RunEntry> releaseRuns = history.releaseRuns();
        Map<String, KnelpuntVerdict> knelpunten = knelpunten(releaseRuns.isEmpty() ? history.calibrationRuns() : releaseRuns);
        Map<String, Seal> seals = new LinkedHashMap<>();
        trustedKeys.ifPresent(keys -> history.runs().stream().filter(RunEntry::complete)
                .forEach(run -> seals.put(run.path(), seal(run, keys))));
        return new Overview(history, generatedAt,
                matrix(releaseRuns.stream().filter(r -> !r.referencePlatform()).toList(), knelpunten),
                matrix(releaseRuns.stream().filter(RunEntry::referencePlatform).toList(), knelpunten),
                ReadinessTracker.of(releaseRuns, register, LocalDate.ofInstant(generatedAt, ZoneOffset.UTC)), seals,
                trustedKeys.map(k -> k.source().toString()));
    }

    private static Matrix matrix(List<RunEntry> newestFirst, Map<String, KnelpuntVerdict> knelpunten) {
        List<Column> columns = columns(newestFirst);
        List<Row> rows = new ArrayList<>();
        if (!columns.isEmpty()) {
            for (KnelpuntVerdict knelpunt : knelpunten.values()) {
                rows.add(new Row(knelpunt.id(), knelpunt.area(), knelpunt.title(),
                        columns.stream().map(column -> cell(column, knelpunt.id())).toList()));
            }
        }
        Set<String> targets = new LinkedHashSet<>();
        columns.forEach(c -> targets.add(c.target()));
        List<TargetTracker> trackers = targets.stream().map(target -> new TargetTracker(target, KnelpuntTracker.track(
                newestFirst.stream().filter(r -> r.target().equals(target)).toList(), List.copyOf(knelpunten.keySet()))))
                .toList();
        return new Matrix(columns, rows, trackers);
    }

    private static Seal seal(RunEntry run, TrustedKeys keys) {
        BundleVerifier.Report report = BundleVerifier.verify(run.folder(), keys);
        return switch (report.outcome()) {
            case INTACT -> new Seal(true, "sealed by " + report.origin().sealedBy());
            case UNTRUSTED -> new Seal(false, "NOT TRUSTED: " + report.origin().why());
            case TAMPERED -> new Seal(false, "TAMPERED: " + report.problems().size() + " file(s) differ from the seal, e.g. "
                    + report.problems().get(0));
            case BAD_INPUT -> new Seal(false, "NOT SEALED: " + report.badInput());
        };
    }

    /** Whether a run has an Allure report to link to (else links go to its knelpunten.md). */
    public static boolean hasAllureReport(RunEntry run) {
        return Files.isRegularFile(run.folder().resolve("allure-report/index.html"));
    }

    private static List<Column> columns(List<RunEntry> newestFirst) {
        Map<String, List<RunEntry>> byReleaseAndTarget = new LinkedHashMap<>();
        for (RunEntry run : newestFirst) {
            byReleaseAndTarget.computeIfAbsent(run.release() + "\n" + run.target(), key -> new ArrayList<>()).add(run);
        }
        // Insertion order already is by each column's newest run, newest first.
        return byReleaseAndTarget.values().stream()
                .map(runs -> new Column(runs.get(0).release(), runs.get(0).target(), List.copyOf(runs))).toList();
    }

    /** Every knelpunt the runs know, in the order of the newest run's register, then any older ones. */
    private static Map<String, KnelpuntVerdict> knelpunten(List<RunEntry> newestFirst) {
        Map<String, KnelpuntVerdict> knelpunten = new LinkedHashMap<>();
        newestFirst.forEach(run -> run.verdicts().knelpunten().forEach(k -> knelpunten.putIfAbsent(k.id(), k)));
        return knelpunten;
    }

    private static Cell cell(Column column, String id) {
        return verdictOnRelease(column.runs(), id)
                .map(found -> new Cell(found.verdict().verdict(), KnelpuntTracker.measured(found.verdict()),
                        found.verdict().reason(), found.run()))
                .orElse(new Cell(null, null, "not in the register of this release's runs", null));
    }

    /** A knelpunt's verdict in one run. */
    record VerdictInRun(KnelpuntVerdict verdict, RunEntry run) {
    }

    /**
     * A knelpunt's verdict on a release: from the newest of its runs that checked it (a release may be run area by
     * area), else the newest run's NOT_COVERED with its reason; empty when no run of the release knows it.
     *
     * @param newestFirst the finished release runs of one release on one target
     */
    static Optional<VerdictInRun> verdictOnRelease(List<RunEntry> newestFirst, String id) {
        for (RunEntry run : newestFirst) {
            Optional<KnelpuntVerdict> checked = KnelpuntTracker.checkedIn(run, id);
            if (checked.isPresent()) {
                return Optional.of(new VerdictInRun(checked.get(), run));
            }
        }
        return newestFirst.stream()
                .flatMap(run -> run.verdicts().knelpunten().stream().filter(k -> k.id().equals(id)).map(k -> new VerdictInRun(k, run)))
                .findFirst();
    }
}
