package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.tracking.KnelpuntTracker.Status;
import nl.logius.platformacceptance.tracking.Overview.Cell;
import nl.logius.platformacceptance.tracking.Overview.Row;
import nl.logius.platformacceptance.tracking.Overview.TargetTracker;
import nl.logius.platformacceptance.tracking.RunHistory.RunEntry;
import nl.logius.platformacceptance.verdict.ReadinessText;
import nl.logius.platformacceptance.verdict.ReleaseReadiness;
import nl.logius.platformacceptance.verdict.Scope;
import nl.logius.platformacceptance.verdict.ServiceReadiness;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code reports/index.md}: the overview for people who read Markdown (a merge request, a repository browser).
 * At the top, per target, whether each service may migrate on each release; each blocker, and each cell below,
 * links to the knelpunt's section in that run's {@code knelpunten.md}.
 */
public final class OverviewMarkdown {

    private OverviewMarkdown() {
    }

    public static String render(Overview overview) {
        StringBuilder md = new StringBuilder();
        md.append("# Knelpunten across releases\n\n");
        md.append(OverviewWords.generated(overview)).append("\n\n");
        services(overview, md);
        md.append("## Verdicts per release on real targets (newest first)\n\n");
        matrix(overview.releases(), md);
        overview.releases().trackers().forEach(tracker -> tracker(tracker, md));
        if (!overview.reference().columns().isEmpty()) {
            md.append("## Local reference platform — ").append(Scope.REFERENCE_PLATFORM).append("\n\n");
            md.append("> ").append(OverviewWords.REFERENCE_NOTE).append("\n\n");
            matrix(overview.reference(), md);
            overview.reference().trackers().forEach(tracker -> tracker(tracker, md));
        }
        runs(overview, md);
        return md.toString();
    }

    private static void services(Overview overview, StringBuilder md) {
        ReadinessTracker readiness = overview.readiness();
        md.append("## Migration readiness per service (newest release first)\n\n");
        if (readiness.targets().isEmpty()) {
            md.append("No finished release run yet.\n\n");
            return;
        }
        md.append(OverviewWords.READINESS_NOTE).append("\n\n");
        for (String target : readiness.targets()) {
            List<ReleaseReadiness> releases = readiness.releases(target);
            md.append("**").append(OverviewWords.target(overview.history(), target)).append("**\n\n| Service |");
            releases.forEach(r -> md.append(' ').append(cell(r.release())).append(SteeringPage.writable(r.release(), target)
                    ? " ([steering page](" + SteeringPage.path(r.release(), target) + "))" : "").append(" |"));
            md.append("\n|---|").append("---|".repeat(releases.size())).append('\n');
            for (String service : readiness.services()) {
                md.append("| ").append(service).append(" |");
                for (ReleaseReadiness release : releases) {
                    ServiceReadiness cell = release.service(service).orElseThrow();
                    md.append(" **").append(ReadinessText.label(cell.state())).append("**");
                    md.append(OverviewWords.namedInCell(cell).stream().map(k -> " [" + ReadinessText.verdict(k) + "](" + k.evidence() + ")")
                            .collect(Collectors.joining(",")));
                    OverviewWords.countedInCell(cell).ifPresent(count -> md.append(" [").append(count).append("](")
                            .append(SteeringPage.path(release.release(), target)).append('#').append(SteeringPage.anchor(service)).append(')'));
                    md.append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
    }

    private static void matrix(Overview.Matrix matrix, StringBuilder md) {
        if (matrix.columns().isEmpty()) {
            md.append("No finished release run yet.\n\n");
            return;
        }
        md.append("Each verdict comes from the newest run of that release that checked the knelpunt, and links to its evidence.\n\n");
        md.append("| Knelpunt | Title |");
        matrix.columns().forEach(c -> md.append(' ').append(cell(c.release() + " (" + c.target() + ", " + c.runs().size() + " run(s))")).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(matrix.columns().size())).append('\n');
        for (Row row : matrix.rows()) {
            md.append("| ").append(row.id()).append(" | ").append(cell(row.title())).append(" |");
            for (Cell cell : row.cells()) {
                String label = OverviewWords.cell(cell);
                md.append(' ').append(cell.run() == null ? label
                        : "[" + label + "](" + OverviewWords.knelpuntLink(cell.run(), row.id()) + ")").append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void tracker(TargetTracker tracker, StringBuilder md) {
        md.append("## Status over time on target ").append(tracker.target()).append("\n\n");
        md.append("| Knelpunt | Status | Latest verdict | Since | First seen failing | First verified resolved | Regressions since |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Status status : tracker.statuses().values()) {
            md.append("| ").append(status.knelpunt()).append(" | ").append(status.state().words()).append(" | ")
                    .append(status.latestVerdict() == null ? "—" : link(status.latestVerdict().name(), status.latest(), status.knelpunt()))
                    .append(" | ").append(link(OverviewWords.event(status.since()), status.since(), status.knelpunt()))
                    .append(" | ").append(link(OverviewWords.event(status.firstFailing()), status.firstFailing(), status.knelpunt()))
                    .append(" | ").append(link(OverviewWords.event(status.firstResolved()), status.firstResolved(), status.knelpunt()))
                    .append(" | ").append(status.regressions().isEmpty() ? "0" : status.regressions().size() + ": "
                            + status.regressions().stream().map(r -> link(OverviewWords.event(r), r, status.knelpunt()))
                            .collect(Collectors.joining("; ")))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void runs(Overview overview, StringBuilder md) {
        RunHistory history = overview.history();
        md.append("## Every run folder (newest first)\n\n");
        if (history.runs().isEmpty()) {
            md.append("No run folder under ").append(history.root()).append(".\n");
            return;
        }
        md.append(OverviewWords.CALIBRATION_NOTE).append("\n\n");
        md.append("| Started | Release | Target | Scope | Run | Kind | Verdicts | Calibration | Seal | Exit |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (RunEntry run : history.runs()) {
            String runLink = run.complete() ? "[" + run.runId() + "](" + run.path() + "/knelpunten.md)" : run.path();
            md.append("| ").append(OverviewWords.time(run.startedAt())).append(" | ").append(cell(run.release())).append(" | ")
                    .append(cell(run.target())).append(" | ").append(cell(OverviewWords.scope(run))).append(" | ").append(runLink)
                    .append(" | ").append(cell(OverviewWords.kind(run))).append(" | ").append(OverviewWords.summary(run))
                    .append(" | ").append(cell(OverviewWords.calibration(run))).append(" | ").append(cell(OverviewWords.seal(overview, run)))
                    .append(" | ").append(OverviewWords.exitCode(run)).append(" |\n");
        }
    }

    private static String link(String text, RunEntry run, String knelpuntId) {
        return run == null ? text : "[" + text + "](" + OverviewWords.knelpuntLink(run, knelpuntId) + ")";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
