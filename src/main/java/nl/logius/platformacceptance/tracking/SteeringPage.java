package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.target.ReleaseLabel;
import nl.logius.platformacceptance.verdict.KnelpuntStanding;
import nl.logius.platformacceptance.verdict.ReadinessCalculator.ReleaseStandings;
import nl.logius.platformacceptance.verdict.ReadinessText;
import nl.logius.platformacceptance.verdict.ReleaseReadiness;
import nl.logius.platformacceptance.verdict.ServiceReadiness;
import nl.logius.platformacceptance.verdict.Verdict;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static nl.logius.platformacceptance.tracking.OverviewHtml.escape;

/**
 * The steering-group page of one release of one target: which services may migrate and since when, what blocks
 * the others with links to the evidence, what was resolved and what regressed since the previous release, and a
 * picture of the knelpunten over the target's releases. One printable A4 page, self-contained (style inline, the
 * picture inline SVG, no script), written beside the release's run folders as
 * {@code <root>/<release>/steering-<target>.html}; {@code steering-report} prints it to PDF.
 */
public final class SteeringPage {

    private static final int MAX_RELEASES_IN_PICTURE = 12;
    private static final int REASON_CHARACTERS = 150;
    private static final String STYLE = """
            @page{size:A4;margin:10mm}
            *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:8.5pt;color:#1d1d1f;margin:0 auto;max-width:190mm}
            h1{font-size:13pt;margin:0 0 2pt}h2{font-size:10pt;margin:7pt 0 2pt}
            p{margin:2pt 0}.muted{color:#5b5b66}
            table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d0d7;padding:1pt 3pt;text-align:left;vertical-align:top}
            th{background:#f2f2f5}a{color:#0b57a4;text-decoration:none;white-space:nowrap}.nowrap{white-space:nowrap}
            .state{font-weight:700;white-space:nowrap}.MAY_MIGRATE{background:#d6f5dd}.BLOCKED{background:#f9d0d0}.NOT_VERIFIED{background:#fdeebc}
            ul{margin:2pt 0;padding-left:14pt}svg{display:block;margin-top:2pt}
            """;

    private SteeringPage() {
    }

    /** {@code <root>/<release>/steering-<target>.html}. */
    public static Path file(Path root, String release, String target) {
        return root.resolve(path(release, target));
    }

    /** The page relative to the output root, for links: {@code 2026.11/steering-local.html}. */
    static String path(String release, String target) {
        return release + "/steering-" + target + ".html";
    }

    /** Whether a page can be written for this pair: both name a plain folder or file, never a path. */
    public static boolean writable(String release, String target) {
        return ReleaseLabel.valid(release) && ReleaseLabel.valid(target);
    }

    /** The page of a release of a target that {@code tracker} knows. */
    public static String render(Path root, ReadinessTracker tracker, String target, String release, Instant generatedAt) {
        ReleaseReadiness readiness = tracker.readiness(target, release).orElseThrow(() ->
                new IllegalArgumentException("no finished run of release " + release + " on target " + target));
        ReleaseStandings standings = tracker.standings(target, release).orElseThrow();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Migration readiness — ")
                .append(escape(readiness.describe())).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Migration readiness — ").append(escape(readiness.describe())).append("</h1>\n");
        html.append("<p class=\"muted\">Generated ").append(escape(OverviewWords.time(generatedAt)))
                .append(". Per knelpunt the verdict of the newest run of ").append(escape(readiness.describe()))
                .append(" that checked it (").append(readiness.runs().size()).append(" run(s): ")
                .append(escape(String.join(", ", readiness.runs()))).append("); waivers judged on ")
                .append(readiness.waiversJudgedOn()).append(". Runs on other targets do not count for target ")
                .append(escape(target)).append(".</p>\n");
        services(root, readiness, html);
        knelpunten(root, readiness, "Blockers (FAILING, no waiver that counts)",
                "None: no knelpunt that blocks a service is failing on this release.", ServiceReadiness::blockers, true, html);
        knelpunten(root, readiness, "Not verified (INCONCLUSIVE or NOT_COVERED)",
                "None: every knelpunt that blocks a service was measured on this release.", ServiceReadiness::notVerified, false, html);
        waivers(readiness, html);
        changes(root, tracker, target, readiness, standings, html);
        html.append("<h2>Knelpunten over the releases of target ").append(escape(target)).append("</h2>\n");
        html.append(picture(tracker.history(target), release));
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void services(Path root, ReleaseReadiness readiness, StringBuilder html) {
        html.append("<h2>Services</h2>\n<table>\n<thead><tr><th>Service</th><th>Readiness</th><th>Why</th><th>Since</th>"
                + "<th>Change</th></tr></thead>\n<tbody>\n");
        for (ServiceReadiness service : readiness.services()) {
            html.append("<tr id=\"").append(anchor(service.service())).append("\"><th>").append(escape(service.service()))
                    .append("</th><td class=\"state ").append(service.state().name()).append("\">")
                    .append(ReadinessText.label(service.state())).append("</td><td>")
                    .append(ReadinessText.reason(service, k -> link(root, k, k.id()))).append("</td><td class=\"nowrap\">")
                    .append(escape(service.since())).append("</td><td>").append(escape(service.describeChange())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** The knelpunten of one of the services' lists, each once, with the services it holds back; or why there are none. */
    private static void knelpunten(Path root, ReleaseReadiness readiness, String heading, String none,
                                   Function<ServiceReadiness, List<KnelpuntStanding>> list, boolean titles, StringBuilder html) {
        Map<KnelpuntStanding, List<String>> knelpunten = byKnelpunt(readiness, list);
        html.append("<h2>").append(escape(heading)).append("</h2>\n");
        if (knelpunten.isEmpty()) {
            html.append("<p>").append(escape(none)).append("</p>\n");
            return;
        }
        knelpuntTable(root, knelpunten, readiness.services().size(), titles, html);
    }

    /** One line per knelpunt where it can be: the page must stay one page with every knelpunt of the register on it. */
    private static void knelpuntTable(Path root, Map<KnelpuntStanding, List<String>> knelpunten, int services, boolean titles,
                                      StringBuilder html) {
        html.append("<table>\n<thead><tr><th>Knelpunt</th>").append(titles ? "<th>Title</th>" : "")
                .append("<th>Impact</th><th>Holds back</th><th>Why</th><th>Evidence</th></tr></thead>\n<tbody>\n");
        knelpunten.forEach((k, heldBack) -> {
            html.append("<tr><th class=\"nowrap\">").append(escape(ReadinessText.verdict(k))).append("</th>");
            if (titles) {
                html.append("<td>").append(escape(k.title())).append("</td>");
            }
            html.append("<td>").append(k.impact() == null ? "—" : k.impact().id()).append("</td><td>")
                    .append(escape(heldBack.size() == services && services > 1 ? "all " + services + " services" : String.join(", ", heldBack)))
                    .append("</td><td title=\"").append(escape(k.reason())).append("\">")
                    .append(escape(ReadinessText.abbreviate(k.reason(), titles ? REASON_CHARACTERS : REASON_CHARACTERS / 2)))
                    .append("</td><td class=\"nowrap\">").append(link(root, k, "run …" + k.runId().substring(Math.max(0, k.runId().length() - 4))))
                    .append("</td></tr>\n");
        });
        html.append("</tbody>\n</table>\n");
    }

    private static void waivers(ReleaseReadiness readiness, StringBuilder html) {
        List<String> waivers = readiness.services().stream().flatMap(s -> s.waived().stream()).map(ReadinessText::waiver)
                .distinct().toList();
        if (waivers.isEmpty()) {
            return;
        }
        html.append("<h2>Waivers that count</h2>\n<ul>\n");
        waivers.forEach(w -> html.append("<li>").append(escape(w)).append("</li>\n"));
        html.append("</ul>\n");
    }

    private static void changes(Path root, ReadinessTracker tracker, String target, ReleaseReadiness readiness,
                                ReleaseStandings standings, StringBuilder html) {
        if (readiness.previousRelease() == null) {
            html.append("<h2>Since the previous release</h2>\n<p>This is the first release tested on target ")
                    .append(escape(target)).append(": nothing to compare with.</p>\n");
            return;
        }
        ReleaseChanges changes = ReleaseChanges.between(tracker.standings(target, readiness.previousRelease()).orElseThrow(), standings);
        html.append("<h2>Since the previous release, ").append(escape(readiness.previousRelease())).append("</h2>\n<ul>\n");
        change("Resolved", changes.resolved(), root, html);
        change("Regressed (was RESOLVED, now FAILING)", changes.regressed(), root, html);
        change("Newly failing (was not verified)", changes.newlyFailing(), root, html);
        change("No longer verified (was RESOLVED)", changes.noLongerVerified(), root, html);
        html.append("</ul>\n");
    }

    private static void change(String what, List<KnelpuntStanding> knelpunten, Path root, StringBuilder html) {
        html.append("<li><b>").append(escape(what)).append(":</b> ").append(knelpunten.isEmpty() ? "none"
                : knelpunten.stream().map(k -> link(root, k, k.id()) + " " + escape(k.title())
                        + (k.verdict() == Verdict.WAIVED ? " (waived)" : "")).collect(Collectors.joining("; ")))
                .append("</li>\n");
    }

    /** Each knelpunt of the services' lists once, with the services it holds back. */
    private static Map<KnelpuntStanding, List<String>> byKnelpunt(ReleaseReadiness readiness,
                                                                  Function<ServiceReadiness, List<KnelpuntStanding>> list) {
        Map<String, KnelpuntStanding> standings = new LinkedHashMap<>();
        Map<String, List<String>> services = new LinkedHashMap<>();
        for (ServiceReadiness service : readiness.services()) {
            for (KnelpuntStanding k : list.apply(service)) {
                standings.putIfAbsent(k.id(), k);
                services.computeIfAbsent(k.id(), id -> new ArrayList<>()).add(service.service());
            }
        }
        Map<KnelpuntStanding, List<String>> result = new LinkedHashMap<>();
        standings.forEach((id, k) -> result.put(k, services.get(id)));
        return result;
    }

    /** A link to the knelpunt's evidence from the page, which lives one folder below the output root. */
    private static String link(Path root, KnelpuntStanding k, String text) {
        return "<a href=\"" + escape("../" + OverviewWords.evidenceLink(root, k)) + "\">" + escape(text) + "</a>";
    }

    /** The id of a service's row: {@code service-digid}. */
    static String anchor(String service) {
        return "service-" + service.toLowerCase(Locale.ROOT);
    }

    /** Stacked bars, one per release (oldest left): resolved, failing and not verified knelpunten, by measured verdict. */
    static String picture(List<ReleaseStandings> chronological, String highlighted) {
        List<ReleaseStandings> shown = chronological.subList(Math.max(0, chronological.size() - MAX_RELEASES_IN_PICTURE),
                chronological.size());
        int width = 680;
        int height = 150;
        int left = 34;
        int bottom = 30;
        int top = 18;
        int most = Math.max(1, shown.stream().mapToInt(r -> r.knelpunten().size()).max().orElse(1));
        double slot = Math.min(80, (width - left - 10) / (double) Math.max(1, shown.size()));
        double plot = height - top - bottom;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"10\" role=\"img\"><title>Knelpunten "
                + "resolved, failing and not verified per release</title>", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\"/>", left,
                top + plot, width - 10, top + plot));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>", left - 4, top + 4, most));
        for (int i = 0; i < shown.size(); i++) {
            ReleaseStandings release = shown.get(i);
            long resolved = release.knelpunten().stream().filter(k -> k.measuredVerdict() == Verdict.RESOLVED).count();
            long failing = release.knelpunten().stream().filter(k -> k.measuredVerdict() == Verdict.FAILING).count();
            long open = release.knelpunten().size() - resolved - failing;
            double x = left + slot * i + slot * 0.2;
            double y = top + plot;
            for (long[] part : new long[][] {{resolved, 0x2e7d32}, {failing, 0xc62828}, {open, 0xb0b0b8}}) {
                double h = plot * part[0] / most;
                y -= h;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#%06x\"/>",
                        x, y, slot * 0.6, h, part[1]));
            }
            boolean current = release.release().equals(highlighted);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\"%s>%d of %d</text>", x + slot * 0.3,
                    y - 3, current ? " font-weight=\"bold\"" : "", resolved, release.knelpunten().size()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\"%s>%s</text>", x + slot * 0.3,
                    top + plot + 13, current ? " font-weight=\"bold\"" : "", escape(release.release())));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">", left, height - 3))
                .append("<tspan fill=\"#2e7d32\">■ resolved</tspan>  <tspan fill=\"#c62828\">■ failing</tspan>  ")
                .append("<tspan fill=\"#808088\">■ not verified</tspan>  (measured verdicts; label: resolved of all)</text></svg>\n");
        return svg.toString();
    }
}
