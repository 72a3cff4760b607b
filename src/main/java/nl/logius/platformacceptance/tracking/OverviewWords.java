package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.tracking.Overview.Cell;
import nl.logius.platformacceptance.tracking.RunHistory.RunEntry;
import nl.logius.platformacceptance.verdict.KnelpuntStanding;
import nl.logius.platformacceptance.verdict.KnelpuntenMarkdown;
import nl.logius.platformacceptance.verdict.Readiness;
import nl.logius.platformacceptance.verdict.ServiceReadiness;
import nl.logius.platformacceptance.verdict.RunVerdicts;
import nl.logius.platformacceptance.verdict.Verdict;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The words and links that the Markdown and the HTML overview share, so that both say the same. */
final class OverviewWords {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    static final String CALIBRATION_NOTE = "Calibration runs inject faults on purpose to prove that the checks can fail: "
            + "they are no verdict on a release.";

    static final String READINESS_NOTE = "A service may migrate on a release when every knelpunt that blocks it is RESOLVED "
            + "there, or WAIVED by a waiver that still counts; BLOCKED when one is FAILING; NOT VERIFIED when none fails but one "
            + "was not measured. Per knelpunt the newest run of the release that checked it counts, on that target only: a run on "
            + "one target says nothing about a release on another.";

    private static final int KNELPUNTEN_NAMED_IN_A_CELL = 3;

    private OverviewWords() {
    }

    /** {@code Generated 2026-11-29 15:04 UTC from 3 run folder(s): 2 release run(s), 1 calibration run(s), 0 unfinished.} */
    static String generated(Overview overview) {
        RunHistory history = overview.history();
        return "Generated " + time(overview.generatedAt()) + " from " + history.runs().size() + " run folder(s): "
                + history.releaseRuns().size() + " release run(s), " + history.calibrationRuns().size()
                + " calibration run(s), " + history.unfinished().size() + " unfinished.";
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String day(Instant instant) {
        return DAY.format(instant);
    }

    /** {@code FAILING}, {@code WAIVED (measured FAILING)}, or a dash when the release does not know the knelpunt. */
    static String cell(Cell cell) {
        if (cell.verdict() == null) {
            return "—";
        }
        return cell.verdict() == Verdict.WAIVED ? "WAIVED (measured " + cell.measured() + ")" : cell.verdict().name();
    }

    /** The tooltip of a cell: the reason, and which run it comes from. */
    static String cellTitle(Cell cell) {
        return cell.run() == null ? cell.reason() : cell.reason() + " — run " + cell.run().runId() + ", " + time(cell.run().startedAt());
    }

    /** Where a knelpunt's evidence in a run is for people who read Markdown: its section of knelpunten.md. */
    static String knelpuntLink(RunEntry run, String knelpuntId) {
        return run.path() + "/knelpunten.md#" + KnelpuntenMarkdown.anchor(knelpuntId);
    }

    /** Where a run's evidence is in a browser: its Allure report grouped by knelpunt, else its knelpunten.md. */
    static String evidenceLink(RunEntry run, String knelpuntId) {
        return Overview.hasAllureReport(run) ? run.path() + "/allure-report/index.html#behaviors" : knelpuntLink(run, knelpuntId);
    }

    /**
     * The knelpunten a cell of the services table names, each linked to its evidence: every blocker, or those not
     * verified when they are few; many (a release run area by area) are counted instead, linking to the steering page.
     */
    static List<KnelpuntStanding> namedInCell(ServiceReadiness cell) {
        return switch (cell.state()) {
            case BLOCKED -> cell.blockers();
            case NOT_VERIFIED -> cell.notVerified().size() <= KNELPUNTEN_NAMED_IN_A_CELL ? cell.notVerified() : List.of();
            case MAY_MIGRATE -> List.of();
        };
    }

    /** {@code 11 of its 12 not verified} for a cell that counts rather than names them, else empty. */
    static Optional<String> countedInCell(ServiceReadiness cell) {
        return cell.state() == Readiness.NOT_VERIFIED && cell.notVerified().size() > KNELPUNTEN_NAMED_IN_A_CELL
                ? Optional.of(cell.notVerified().size() + " of its " + cell.knelpunten().size() + " not verified") : Optional.empty();
    }

    /** Where a knelpunt's evidence on a release is in a browser: its run's Allure report, else its knelpunten.md section. */
    static String evidenceLink(Path root, KnelpuntStanding standing) {
        return Files.isRegularFile(root.resolve(standing.runFolder()).resolve("allure-report/index.html"))
                ? standing.runFolder() + "/allure-report/index.html#behaviors" : standing.evidence();
    }

    /** {@code 2026.11, 2026-11-29} for an event in the tracker. */
    static String event(RunEntry run) {
        return run == null ? "—" : run.release() + ", " + day(run.startedAt());
    }

    static String kind(RunEntry run) {
        return switch (run.state()) {
            case INCOMPLETE -> "INCOMPLETE (killed, or still running): no verdict";
            case UNREADABLE -> "UNREADABLE: " + run.problem();
            case COMPLETE -> run.calibration() ? "calibration" + injected(run.verdicts()) : "release";
        };
    }

    private static String injected(RunVerdicts verdicts) {
        List<String> injections = verdicts.selection() == null ? List.of() : verdicts.selection().injections();
        return injections.isEmpty() ? "" : ", injected " + String.join(", ", injections);
    }

    /** {@code 1 RESOLVED, 1 FAILING, 18 NOT_COVERED}. */
    static String summary(RunEntry run) {
        if (run.verdicts() == null || run.verdicts().summary() == null) {
            return "";
        }
        List<String> counts = new ArrayList<>();
        run.verdicts().summary().forEach((verdict, count) -> {
            if (count > 0) {
                counts.add(count + " " + verdict);
            }
        });
        return String.join(", ", counts);
    }

    static String exitCode(RunEntry run) {
        return run.verdicts() == null ? "" : String.valueOf(run.verdicts().exitCode());
    }
}
