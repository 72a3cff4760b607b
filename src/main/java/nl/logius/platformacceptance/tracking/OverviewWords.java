package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.tracking.Overview.Cell;
import nl.logius.platformacceptance.tracking.RunHistory.RunEntry;
import nl.logius.platformacceptance.report.AllureKnelpuntLinks;
import nl.logius.platformacceptance.verdict.KnelpuntStanding;
import nl.logius.platformacceptance.verdict.KnelpuntenMarkdown;
import nl.logius.platformacceptance.verdict.Provenance;
import nl.logius.platformacceptance.verdict.Readiness;
import nl.logius.platformacceptance.verdict.ServiceReadiness;
import nl.logius.platformacceptance.verdict.RunVerdicts;
import nl.logius.platformacceptance.verdict.Scope;
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

    /** What the overview says about the local reference platform, above its matrix. */
    static final String REFERENCE_NOTE = "Runs on the local reference platform (this machine's Docker engine) prove that the"
            + " checks work and can fail; they are no evidence about an LPC release, so they stand apart from the releases"
            + " above and never count as a release verified resolved.";

    /**
     * {@code Generated 2026-11-29 15:04 UTC from 3 run folder(s): 1 run(s) on real targets, 1 on the reference platform,
     * 1 calibration run(s), 0 unfinished; seals not checked (...).}
     */
    static String generated(Overview overview) {
        RunHistory history = overview.history();
        long reference = history.releaseRuns().stream().filter(RunEntry::referencePlatform).count();
        return "Generated " + time(overview.generatedAt()) + " from " + history.runs().size() + " run folder(s): "
                + (history.releaseRuns().size() - reference) + " release run(s) on real targets, " + reference
                + " on the local reference platform, " + history.calibrationRuns().size()
                + " calibration run(s), " + history.unfinished().size() + " unfinished; "
                + overview.trusted().map(file -> "every seal checked against the trusted keys of " + file + ".")
                .orElse("seals not checked (report --trusted-keys FILE checks them).");
    }

    /** {@code Target lpc-acc}, or for the reference platform what it is: no service migrates on it. */
    static String target(RunHistory history, String target) {
        boolean reference = history.releaseRuns().stream().anyMatch(r -> r.target().equals(target) && r.referencePlatform());
        return "Target " + target + (reference ? " — " + Scope.REFERENCE_PLATFORM + ": what it says of a service is about"
                + " the checks, not about an LPC release" : "");
    }

    /** {@code reference platform: ...}, {@code platform release on lpc-acc}, {@code calibration}. */
    static String scope(RunEntry run) {
        if (run.verdicts() == null) {
            return "";
        }
        if (run.calibration()) {
            return "calibration";
        }
        return run.referencePlatform() ? Scope.REFERENCE_PLATFORM : "platform release on " + run.target();
    }

    /** CALIBRATED, PARTLY_CALIBRATED or UNCALIBRATED, with the calibration's run id. */
    static String calibration(RunEntry run) {
        if (run.verdicts() == null) {
            return "";
        }
        Provenance.Calibration calibration = run.verdicts().provenance() == null ? null : run.verdicts().provenance().calibration();
        if (calibration == null) {
            return Provenance.CalibrationProof.UNCALIBRATED + " (not recorded)";
        }
        return calibration.proofOrLegacy() + (calibration.isLinked() ? " by " + calibration.runId() : "");
    }

    /** Whether a run's seal was checked, and what came out. */
    static String seal(Overview overview, RunEntry run) {
        if (!run.complete()) {
            return "";
        }
        Overview.Seal seal = overview.seals().get(run.path());
        return seal != null ? seal.words() : "not checked (report --trusted-keys FILE)";
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

    /**
     * Where a knelpunt's evidence in a run is in a browser: the knelpunt in its Allure report (under Behaviors, its
     * first check open), else its section of knelpunten.md.
     */
    static String evidenceLink(RunEntry run, String knelpuntId) {
        return allureLink(run.folder(), run.path(), knelpuntId).orElseGet(() -> knelpuntLink(run, knelpuntId));
    }

    /** {@code <path>/allure-report/index.html#behaviors/<group>/<test>} for a knelpunt of a run with a report, if it has one. */
    private static Optional<String> allureLink(Path folder, String path, String knelpuntId) {
        if (!Files.isRegularFile(folder.resolve("allure-report/index.html"))) {
            return Optional.empty();
        }
        return AllureKnelpuntLinks.read(folder.resolve("allure-report")).map(links -> links.get(knelpuntId))
                .map(fragment -> path + "/allure-report/index.html#" + fragment);
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

    /** Where a knelpunt's evidence on a release is in a browser: the knelpunt in its run's Allure report, else its knelpunten.md section. */
    static String evidenceLink(Path root, KnelpuntStanding standing) {
        return allureLink(root.resolve(standing.runFolder()), standing.runFolder(), standing.id()).orElse(standing.evidence());
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
