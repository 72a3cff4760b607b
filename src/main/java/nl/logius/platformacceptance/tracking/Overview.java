package nl.logius.platformacceptance.tracking;

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
 * a matrix of knelpunten (rows) by release (columns, newest release first: the release whose newest run started
 * last), the tracker status of each knelpunt, and every run folder, calibration and unfinished ones apart.
 *
 * <p>A cell shows the knelpunt's verdict in the newest run of that release that checked it (a release may be
 * run area by area); when no run of the release selected it, the newest run's NOT_COVERED with its reason.
 *
 * @param columns  one per release and target, newest first
 * @param rows     one per knelpunt, in the order of the newest run's register
 * @param trackers one per target, in the order of the columns
 * @param readiness whether each service may migrate, per target and release (waivers judged on the day generated)
 */
public record Overview(RunHistory history, Instant generatedAt, List<Column> columns, List<Row> rows,
                       List<TargetTracker> trackers, ReadinessTracker readiness) {

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
        List<RunEntry> releaseRuns = history.releaseRuns();
        List<Column> columns = columns(releaseRuns);
        List<Row> rows = new ArrayList<>();
        Map<String, KnelpuntVerdict> knelpunten = knelpunten(releaseRuns.isEmpty() ? history.calibrationRuns() : releaseRuns);
        for (KnelpuntVerdict knelpunt : knelpunten.values()) {
            List<Cell> cells = columns.stream().map(column -> cell(column, knelpunt.id())).toList();
            rows.add(new Row(knelpunt.id(), knelpunt.area(), knelpunt.title(), cells));
        }
        Set<String> targets = new LinkedHashSet<>();
        columns.forEach(c -> targets.add(c.target()));
        List<TargetTracker> trackers = targets.stream().map(target -> new TargetTracker(target, KnelpuntTracker.track(
                releaseRuns.stream().filter(r -> r.target().equals(target)).toList(), List.copyOf(knelpunten.keySet()))))
                .toList();
        return new Overview(history, generatedAt, columns, rows, trackers,
                ReadinessTracker.of(releaseRuns, register, LocalDate.ofInstant(generatedAt, ZoneOffset.UTC)));
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
