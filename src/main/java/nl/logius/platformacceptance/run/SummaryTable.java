package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.verdict.KnelpuntStanding;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.Provenance;
import nl.logius.platformacceptance.verdict.ReadinessText;
import nl.logius.platformacceptance.verdict.ReleaseReadiness;
import nl.logius.platformacceptance.verdict.ServiceReadiness;
import nl.logius.platformacceptance.verdict.RunVerdicts;
import nl.logius.platformacceptance.verdict.Scope;
import nl.logius.platformacceptance.verdict.Verdict;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The table printed at the end of a run: every knelpunt, its verdict and why, whether each service may migrate,
 * and where the report is.
 */
final class SummaryTable {

    /** A reason in the table: its first line, cut to this many characters with "..." (110 of the text). */
    private static final int REASON_CHARACTERS = 113;

    private final PrintStream out;

    SummaryTable(PrintStream out) {
        this.out = out;
    }

    void print(RunVerdicts verdicts, Path folder, Optional<Path> report) {
        print(verdicts, folder, report, verdicts.exitCode(), false);
    }

    /**
     * With the process's exit code where it differs from the verdicts' (a secret found in the folder: 3), and
     * whether calibration was required ({@code --require-calibration}), which can make an uncalibrated run exit 3.
     */
    void print(RunVerdicts verdicts, Path folder, Optional<Path> report, int exitCode, boolean calibrationRequired) {
        out.println();
        out.printf(Locale.ROOT, "%-10s %-11s %-13s %s%n", "KNELPUNT", "AREA", "VERDICT", "REASON");
        for (KnelpuntVerdict k : verdicts.knelpunten()) {
            out.printf(Locale.ROOT, "%-10s %-11s %-13s %s%n", k.id(), k.area(), k.verdict(),
                    ReadinessText.abbreviate(k.reason(), REASON_CHARACTERS));
        }
        out.println();
        StringBuilder counts = new StringBuilder();
        verdicts.summary().forEach((verdict, count) -> {
            if (count > 0) {
                counts.append(counts.length() == 0 ? "" : ", ").append(count).append(' ').append(verdict);
            }
        });
        out.println("Verdicts: " + counts);
        services(verdicts);
        long notCovered = verdicts.knelpunten().stream().filter(k -> k.verdict() == Verdict.NOT_COVERED && k.selected()).count();
        if (notCovered > 0) {
            out.println("NOT COVERED: " + notCovered + " selected knelpunt(en) have no check yet; see knelpunten.md");
        }
        Scope scope = verdicts.scope();
        out.println("Scope: " + scope.headline());
        out.println("Coverage: " + scope.coverage());
        Provenance.Calibration calibration = verdicts.provenance().calibration();
        out.println("Calibration: " + calibration.describe());
        if (calibrationRequired && calibration.proofOrLegacy() != Provenance.CalibrationProof.CALIBRATED) {
            out.println("--require-calibration: " + calibration.proofOrLegacy() + ", so the run is inconclusive (exit 3 unless FAILING);"
                    + " run ./platform-acceptance calibrate with this build first");
        }
        out.println("Operator: " + verdicts.provenance().operator().describe());
        out.println("Run folder: " + folder);
        report.ifPresent(index -> out.println("Report: " + index));
        out.println("Exit code: " + exitCode + (exitCode == verdicts.exitCode() ? "" : " (the verdicts alone: " + verdicts.exitCode() + ")"));
    }

    /** Whether each service may migrate, as of this run; a calibration run says it is no verdict on a release. */
    private void services(RunVerdicts verdicts) {
        ReleaseReadiness readiness = verdicts.services();
        if (readiness == null) {
            if (!verdicts.selection().injections().isEmpty()) {
                out.println("Migration readiness: none (a calibration run is no verdict on a release)");
            }
            return;
        }
        out.println();
        out.println("Migration readiness on " + readiness.describe() + ", as of this run (with the earlier runs of the release):");
        out.printf(Locale.ROOT, "%-13s %-13s %s%n", "SERVICE", "READINESS", "WHY");
        for (ServiceReadiness service : readiness.services()) {
            out.printf(Locale.ROOT, "%-13s %-13s %s%n", service.service(), ReadinessText.label(service.state()), service.summary());
            String knelpunten = ReadinessText.reason(service, KnelpuntStanding::id);
            if (!knelpunten.startsWith(service.summary())) {
                out.printf(Locale.ROOT, "%-27s %s%n", "", ReadinessText.abbreviate(knelpunten, 110));
            }
            out.printf(Locale.ROOT, "%-27s %s%n", "", ReadinessText.history(service));
        }
        out.println("Per service: ./platform-acceptance readiness --service NAME --release " + readiness.release()
                + " --target " + readiness.target());
    }
}
