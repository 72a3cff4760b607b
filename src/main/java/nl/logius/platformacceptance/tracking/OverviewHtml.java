package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.tracking.KnelpuntTracker.Status;
import nl.logius.platformacceptance.tracking.Overview.Cell;
import nl.logius.platformacceptance.tracking.Overview.Column;
import nl.logius.platformacceptance.tracking.Overview.Row;
import nl.logius.platformacceptance.tracking.Overview.TargetTracker;
import nl.logius.platformacceptance.tracking.RunHistory.RunEntry;
import nl.logius.platformacceptance.verdict.KnelpuntStanding;
import nl.logius.platformacceptance.verdict.ReadinessText;
import nl.logius.platformacceptance.verdict.ReleaseReadiness;
import nl.logius.platformacceptance.verdict.Scope;
import nl.logius.platformacceptance.verdict.ServiceReadiness;
import nl.logius.platformacceptance.verdict.Verdict;

import java.util.List;
import java.util.Locale;

/**
 * {@code reports/index.html}: the overview as one self-contained page (its style inline; no script, font or
 * style sheet from elsewhere), which opens from disk. At the top, per target, whether each service may migrate on
 * each release, the blockers linked to their evidence; then the knelpunten. Each cell links to the knelpunt in that
 * run's Allure report and carries the reason as its tooltip. Runs on the local reference platform have a section
 * of their own, set apart, below the platform releases.
 */
public final class OverviewHtml {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1d1d1f}
            h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}
            table{border-collapse:collapse;font-size:.9rem}th,td{border:1px solid #d0d0d7;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#f2f2f5}td.v{text-align:center;white-space:nowrap}td.v a{color:inherit;text-decoration:none;display:block}
            .RESOLVED{background:#d6f5dd}.FAILING{background:#f9d0d0;font-weight:600}.INCONCLUSIVE{background:#fdeebc}
            .NOT_COVERED{background:#ececf0;color:#6b6b75}.WAIVED{background:#e4dcf7}.none{color:#9a9aa3}
            .regressed{color:#b00020;font-weight:600}.open{color:#b00020}.resolved{color:#0a7a2f}
            .muted{color:#6b6b75}caption{text-align:left;padding:.3rem 0;color:#6b6b75}
            .MAY_MIGRATE{background:#d6f5dd}.BLOCKED{background:#f9d0d0}.NOT_VERIFIED{background:#fdeebc}td.s{white-space:nowrap}
            section.reference{border-left:6px solid #9a9aa3;padding-left:1rem;margin-top:2.5rem}
            section.reference h2{color:#4a4a55}.trusted{color:#0a7a2f}.untrusted{color:#b00020;font-weight:600}
            .UNCALIBRATED,.PARTLY_CALIBRATED{color:#8a5a00;font-weight:600}
            """;

    private OverviewHtml() {
    }

    public static String render(Overview overview) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Knelpunten across releases</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Knelpunten across releases</h1>\n<p class=\"muted\">").append(escape(OverviewWords.generated(overview)))
                .append("</p>\n");
        services(overview, html);
        html.append("<section id=\"releases\">\n");
        matrix(overview.releases(), "matrix", "Verdicts per release on real targets (newest first)", html);
        for (TargetTracker tracker : overview.releases().trackers()) {
            tracker(tracker, html);
        }
        html.append("</section>\n");
        if (!overview.reference().columns().isEmpty()) {
            html.append("<section class=\"reference\" id=\"reference-platform\">\n<h2>Local reference platform — ")
                    .append(escape(Scope.REFERENCE_PLATFORM)).append("</h2>\n<p class=\"muted\">")
                    .append(escape(OverviewWords.REFERENCE_NOTE)).append("</p>\n");
            matrix(overview.reference(), "reference-matrix", null, html);
            for (TargetTracker tracker : overview.reference().trackers()) {
                tracker(tracker, html);
            }
            html.append("</section>\n");
        }
        runs(overview, html);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** Services × releases per target: may each service migrate, and what blocks it, each blocker linked to its evidence. */
    private static void services(Overview overview, StringBuilder html) {
        ReadinessTracker readiness = overview.readiness();
        html.append("<h2 id=\"services\">Migration readiness per service (newest release first)</h2>\n");
        if (readiness.targets().isEmpty()) {
            html.append("<p>No finished release run yet.</p>\n");
            return;
        }
        html.append("<p class=\"muted\">").append(escape(OverviewWords.READINESS_NOTE)).append("</p>\n");
        for (String target : readiness.targets()) {
            List<ReleaseReadiness> releases = readiness.releases(target);
            html.append("<table>\n<caption>").append(escape(OverviewWords.target(overview.history(), target)))
                    .append("</caption>\n<thead><tr><th>Service</th>");
            for (ReleaseReadiness release : releases) {
                html.append("<th>").append(escape(release.release()));
                if (SteeringPage.writable(release.release(), target)) {
                    html.append("<br>").append(anchor(SteeringPage.path(release.release(), target), "steering page"));
                }
                html.append("</th>");
            }
            html.append("</tr></thead>\n<tbody>\n");
            for (String service : readiness.services()) {
                html.append("<tr><th>").append(escape(service)).append("</th>");
                for (ReleaseReadiness release : releases) {
                    ServiceReadiness cell = release.service(service).orElseThrow();
                    html.append("<td class=\"s ").append(cell.state().name()).append("\" title=\"")
                            .append(escape(ReadinessText.history(cell) + " — " + cell.summary())).append("\"><b>")
                            .append(ReadinessText.label(cell.state())).append("</b>");
                    for (KnelpuntStanding k : OverviewWords.namedInCell(cell)) {
                        html.append("<br>").append(anchor(OverviewWords.evidenceLink(overview.history().root(), k), ReadinessText.verdict(k)));
                    }
                    OverviewWords.countedInCell(cell).ifPresent(count -> html.append("<br>").append(anchor(
                            SteeringPage.path(release.release(), target) + "#" + SteeringPage.anchor(service), count)));
                    html.append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
    }

    private static void matrix(Overview.Matrix matrix, String id, String heading, StringBuilder html) {
        if (heading != null) {
            html.append("<h2 id=\"").append(id).append("\">").append(escape(heading)).append("</h2>\n");
        }
        if (matrix.columns().isEmpty()) {
            html.append("<p>No finished release run yet.</p>\n");
            return;
        }
        html.append("<p class=\"muted\">Each verdict comes from the newest run of that release that checked the knelpunt; "
                + "it links to the knelpunt in that run's Allure report, and its tooltip says why.</p>\n");
        html.append("<table>\n<thead><tr><th>Knelpunt</th><th>Title</th>");
        for (Column column : matrix.columns()) {
            html.append("<th>").append(escape(column.release())).append("<br><span class=\"muted\">").append(escape(column.target()))
                    .append(", ").append(column.runs().size()).append(" run(s)</span></th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (Row row : matrix.rows()) {
            html.append("<tr id=\"").append(escape(id + "-" + row.id().toLowerCase(Locale.ROOT))).append("\"><th>").append(escape(row.id()))
                    .append("</th><td>").append(escape(row.title())).append("</td>");
            for (Cell cell : row.cells()) {
                html.append("<td class=\"v ").append(cell.verdict() == null ? "none" : cell.verdict().name()).append("\" title=\"")
                        .append(escape(OverviewWords.cellTitle(cell))).append("\">");
                String label = escape(OverviewWords.cell(cell));
                html.append(cell.run() == null ? label
                        : "<a href=\"" + escape(OverviewWords.evidenceLink(cell.run(), row.id())) + "\">" + label + "</a>");
                html.append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void tracker(TargetTracker tracker, StringBuilder html) {
        html.append("<h2>Status over time on target ").append(escape(tracker.target())).append("</h2>\n");
        html.append("<table>\n<thead><tr><th>Knelpunt</th><th>Status</th><th>Latest verdict</th><th>Since</th>"
                + "<th>First seen failing</th><th>First verified resolved</th><th>Regressions since</th></tr></thead>\n<tbody>\n");
        for (Status status : tracker.statuses().values()) {
            Verdict latest = status.latestVerdict();
            html.append("<tr><th>").append(escape(status.knelpunt())).append("</th><td class=\"")
                    .append(status.state().name().toLowerCase(Locale.ROOT)).append("\">").append(escape(status.state().words()))
                    .append("</td><td class=\"v ").append(latest == null ? "none" : latest.name()).append("\">")
                    .append(latest == null ? "—" : link(latest.name(), status.latest(), status.knelpunt())).append("</td><td>")
                    .append(link(OverviewWords.event(status.since()), status.since(), status.knelpunt())).append("</td><td>")
                    .append(link(OverviewWords.event(status.firstFailing()), status.firstFailing(), status.knelpunt())).append("</td><td>")
                    .append(link(OverviewWords.event(status.firstResolved()), status.firstResolved(), status.knelpunt())).append("</td><td>");
            html.append(status.regressions().size());
            for (RunEntry regression : status.regressions()) {
                html.append("<br>").append(link(OverviewWords.event(regression), regression, status.knelpunt()));
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void runs(Overview overview, StringBuilder html) {
        RunHistory history = overview.history();
        html.append("<h2 id=\"runs\">Every run folder (newest first)</h2>\n");
        if (history.runs().isEmpty()) {
            html.append("<p>No run folder under ").append(escape(history.root().toString())).append(".</p>\n");
            return;
        }
        html.append("<p class=\"muted\">").append(escape(OverviewWords.CALIBRATION_NOTE)).append("</p>\n");
        html.append("<table>\n<thead><tr><th>Started</th><th>Release</th><th>Target</th><th>Scope</th><th>Run</th><th>Kind</th>"
                + "<th>Verdicts</th><th>Calibration</th><th>Seal</th><th>Exit</th><th>Evidence</th></tr></thead>\n<tbody>\n");
        for (RunEntry run : history.runs()) {
            String calibration = OverviewWords.calibration(run);
            Overview.Seal seal = overview.seals().get(run.path());
            html.append("<tr><td>").append(escape(OverviewWords.time(run.startedAt()))).append("</td><td>").append(escape(run.release()))
                    .append("</td><td>").append(escape(run.target())).append("</td><td>").append(escape(OverviewWords.scope(run)))
                    .append("</td><td>").append(escape(run.runId()))
                    .append("</td><td>").append(escape(OverviewWords.kind(run))).append("</td><td>").append(escape(OverviewWords.summary(run)))
                    .append("</td><td class=\"").append(escape(calibration.split(" ")[0])).append("\">").append(escape(calibration))
                    .append("</td><td class=\"").append(seal == null ? "muted" : seal.trusted() ? "trusted" : "untrusted").append("\">")
                    .append(escape(OverviewWords.seal(overview, run)))
                    .append("</td><td>").append(escape(OverviewWords.exitCode(run))).append("</td><td>");
            if (run.complete()) {
                if (Overview.hasAllureReport(run)) {
                    html.append(anchor(run.path() + "/allure-report/index.html", "Allure report")).append(" · ");
                }
                html.append(anchor(run.path() + "/knelpunten.md", "knelpunten.md")).append(" · ")
                        .append(anchor(run.path() + "/verdicts.json", "verdicts.json"));
            } else {
                html.append(anchor(run.path() + "/", "folder"));
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static String link(String text, RunEntry run, String knelpuntId) {
        return run == null ? escape(text) : anchor(OverviewWords.evidenceLink(run, knelpuntId), text);
    }

    private static String anchor(String href, String text) {
        return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
