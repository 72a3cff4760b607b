package nl.logius.platformacceptance.calibration;

import nl.logius.platformacceptance.calibration.CalibrationReport.CheckCalibration;
import nl.logius.platformacceptance.calibration.CalibrationReport.KnelpuntCalibration;

import java.util.Locale;

/** {@code calibration.md}: the calibration for people, with links to the healthy and injected run folders. */
final class CalibrationMarkdown {

    private CalibrationMarkdown() {
    }

    static String render(CalibrationReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Calibration ").append(report.runId()).append(" — target ").append(report.target()).append("\n\n");
        md.append("Harness ").append(report.harness().version()).append(" (").append(report.harness().commit()).append("), ")
                .append(report.startedAt()).append(" – ").append(report.finishedAt()).append(".\n\n");
        if (report.harness().build() != null) {
            md.append("Harness build: ").append(report.harness().build().describe()).append(". A run relies on this calibration only"
                    + " when its own build is the same, and only for the knelpunten detected here with the thresholds it compares"
                    + " with.\n\n");
        }
        md.append("Each check ran once on the healthy local platform and once with its knelpunt injected. A check **detects**"
                + " its knelpunt when it passed healthy and failed injected; a check that broke under the injection did not"
                + " detect anything.\n\n");
        md.append(String.format(Locale.ROOT, "Healthy run: [%s](%s/knelpunten.md), exit %s, %.1f s.%n%n",
                report.healthyRun().path(), report.healthyRun().path(), report.healthyRun().exitCode(), report.healthyRun().durationMs() / 1000d));
        md.append("**").append(report.allDetected() ? "Every check detected its injected knelpunt." : "NOT every check detected its injected knelpunt.")
                .append("**\n\n");
        md.append("| Knelpunt | Injection | Check | Healthy | Injected | Detected | Injected run |\n|---|---|---|---|---|---|---|\n");
        for (KnelpuntCalibration knelpunt : report.knelpunten()) {
            String run = knelpunt.injectedRun() == null || knelpunt.injectedRun().path() == null ? "—"
                    : "[" + knelpunt.injectedRun().path() + "](" + knelpunt.injectedRun().path() + "/knelpunten.md)";
            for (CheckCalibration check : knelpunt.checks()) {
                md.append("| ").append(knelpunt.id()).append(" | ").append(knelpunt.injection() == null ? "none" : knelpunt.injection())
                        .append(" | ").append(check.id()).append(" | ").append(check.healthy()).append(" | ").append(check.injected())
                        .append(" | ").append(check.detected() ? "yes" : "**no**: " + cell(check.reason())).append(" | ").append(run).append(" |\n");
            }
        }
        md.append("\n## Why each injected check failed\n\n");
        for (KnelpuntCalibration knelpunt : report.knelpunten()) {
            for (CheckCalibration check : knelpunt.checks()) {
                md.append("- ").append(knelpunt.id()).append(" ").append(check.id()).append(": ")
                        .append(check.injectedMessage().isEmpty() ? "(no message)" : cell(check.injectedMessage())).append('\n');
            }
        }
        if (!report.notCalibrated().isEmpty()) {
            md.append("\n## Not calibrated\n\n");
            report.notCalibrated().forEach(n -> md.append("- ").append(n.id()).append(": ").append(n.reason()).append('\n'));
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
