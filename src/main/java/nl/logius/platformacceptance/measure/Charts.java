package nl.logius.platformacceptance.measure;

import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import nl.logius.platformacceptance.register.Threshold;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pictures of the evidence, as self-contained SVG (Allure shows them inline; a browser opens them from
 * the evidence folder). Plain SVG keeps the harness free of a plotting toolkit and of fonts on the machine.
 */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final String[] VERSION_COLOURS = {"#2e7d32", "#1565c0", "#6a1b9a", "#ef6c00", "#00838f"};

    private Charts() {
    }

    static String latencyDistribution(String title, LatencyStats stats, Double thresholdMillis) {
        Svg svg = new Svg(title);
        if (stats.count() == 0) {
            return svg.text(WIDTH / 2, HEIGHT / 2, "no samples", "middle").end();
        }
        Histogram histogram = stats.histogram();
        double max = Math.max(stats.percentileMillis(99.9), thresholdMillis == null ? 0 : Math.min(thresholdMillis, stats.maxMillis() * 1.2));
        max = Math.max(max, stats.minMillis() + 0.001);
        int buckets = 40;
        double width = max / buckets;
        long[] counts = new long[buckets];
        for (var value : histogram.recordedValues()) {
            int bucket = (int) Math.min(buckets - 1, (value.getValueIteratedTo() / 1000d) / width);
            counts[bucket] += value.getCountAtValueIteratedTo();
        }
        long highest = 1;
        for (long count : counts) {
            highest = Math.max(highest, count);
        }
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        svg.axes("latency (ms)", "requests");
        for (int i = 0; i < buckets; i++) {
            double h = plotHeight * counts[i] / highest;
            svg.rect(LEFT + plotWidth * i / buckets, TOP + plotHeight - h, plotWidth / buckets - 1, h, "#1565c0", null);
        }
        for (int i = 0; i <= 4; i++) {
            svg.text(LEFT + plotWidth * i / 4, HEIGHT - BOTTOM + 16, Threshold.formatNumber(max * i / 4), "middle");
        }
        svg.text(LEFT - 6, TOP + 4, String.valueOf(highest), "end");
        markVertical(svg, stats.p50Millis(), max, "p50 " + Threshold.formatNumber(stats.p50Millis()), "#2e7d32");
        markVertical(svg, stats.p99Millis(), max, "p99 " + Threshold.formatNumber(stats.p99Millis()), "#ef6c00");
        if (thresholdMillis != null && thresholdMillis <= max) {
            markVertical(svg, thresholdMillis, max, "threshold " + Threshold.formatNumber(thresholdMillis), "#c62828");
        } else if (thresholdMillis != null) {
            svg.text(WIDTH - RIGHT, TOP + 12, "threshold " + Threshold.formatNumber(thresholdMillis) + " ms: beyond this scale", "end", "#c62828");
        }
        svg.text(WIDTH - RIGHT, TOP - 8, stats.summary(), "end");
        return svg.end();
    }

    private static void markVertical(Svg svg, double valueMillis, double max, String label, String colour) {
        double x = LEFT + (WIDTH - LEFT - RIGHT) * Math.min(1, valueMillis / max);
        svg.line(x, TOP, x, HEIGHT - BOTTOM, colour, "4 3");
        svg.text(x + 3, TOP + 12, label, "start", colour);
    }

    static String timeline(String title, Timeline timeline) {
        return timeline(title, timeline, RequestResult::version, "v");
    }

    /**
     * @param colourKey  what colours a successful request (its version, or the instance that answered)
     * @param keyPrefix  put before each key in the legend ("v" for versions)
     */
    static String timeline(String title, Timeline timeline, java.util.function.Function<RequestResult, String> colourKey,
                           String keyPrefix) {
        Svg svg = new Svg(title);
        List<RequestResult> results = timeline.results();
        if (results.isEmpty()) {
            return svg.text(WIDTH / 2, HEIGHT / 2, "no requests", "middle").end();
        }
        long start = results.get(0).t();
        long end = timeline.end().map(Timeline::micros).orElse(start + 1);
        for (Timeline.Mark mark : timeline.marks()) {
            end = Math.max(end, Timeline.micros(mark.at()));
            start = Math.min(start, Timeline.micros(mark.at()));
        }
        for (Timeline.Window window : timeline.windows()) {
            end = Math.max(end, Timeline.micros(window.to()));
        }
        double spanMicros = Math.max(1, end - start);
        double maxLatencyMillis = 1;
        for (RequestResult r : results) {
            maxLatencyMillis = Math.max(maxLatencyMillis, r.micros() / 1000d);
        }
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        final long origin = start;
        java.util.function.DoubleUnaryOperator x = micros -> LEFT + plotWidth * (micros - origin) / spanMicros;
        int windowRow = 0;
        for (Timeline.Window window : timeline.windows()) {
            double x1 = x.applyAsDouble(Timeline.micros(window.from()));
            double x2 = x.applyAsDouble(Timeline.micros(window.to()));
            svg.rect(x1, TOP, Math.max(1, x2 - x1), plotHeight, windowRow % 2 == 0 ? "#fff3e0" : "#e3f2fd", null);
            svg.text(x1 + 3, TOP + plotHeight - 6 - 13 * (windowRow++ % 3), window.label(), "start", "#ef6c00");
        }
        for (Timeline.Window outage : timeline.outages()) {
            double x1 = x.applyAsDouble(Timeline.micros(outage.from()));
            double x2 = x.applyAsDouble(Timeline.micros(outage.to()));
            svg.rect(x1, TOP, Math.max(1, x2 - x1), 6, "#c62828", null);
        }
        svg.axes("time since the first request at " + Timeline.instant(start).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                + " (s)", "latency (ms)");
        Map<String, String> versionColours = new LinkedHashMap<>();
        for (RequestResult r : results) {
            double px = x.applyAsDouble(r.t());
            if (r.ok()) {
                String colour = versionColours.computeIfAbsent(String.valueOf(colourKey.apply(r)),
                        v -> VERSION_COLOURS[versionColours.size() % VERSION_COLOURS.length]);
                double py = TOP + plotHeight - plotHeight * (r.micros() / 1000d) / maxLatencyMillis;
                svg.circle(px, py, 2.2, colour);
            } else {
                svg.cross(px, TOP + 14, "#c62828");
            }
        }
        int row = 0;
        for (Timeline.Mark mark : timeline.marks().stream().sorted(java.util.Comparator.comparing(Timeline.Mark::at)).toList()) {
            double mx = x.applyAsDouble(Timeline.micros(mark.at()));
            svg.line(mx, TOP, mx, HEIGHT - BOTTOM, "#424242", "5 3");
            // Marks close in time (a kill and its recovery) would print over each other: one row each.
            boolean rightHalf = mx > LEFT + plotWidth * 0.6;
            svg.text(rightHalf ? mx - 3 : mx + 3, TOP + 28 + 13 * (row++ % 6), mark.label(), rightHalf ? "end" : "start", "#424242");
        }
        for (int i = 0; i <= 5; i++) {
            svg.text(LEFT + plotWidth * i / 5, HEIGHT - BOTTOM + 16, Threshold.formatNumber(spanMicros * i / 5 / 1e6), "middle");
        }
        svg.text(LEFT - 6, TOP + 4, Threshold.formatNumber(maxLatencyMillis), "end");
        List<String> legend = new ArrayList<>();
        versionColours.forEach((version, colour) -> legend.add(("v".equals(keyPrefix) ? "version " : "") + version));
        String summary = String.format(Locale.ROOT, "%d requests, %d failed (x), availability %s %%, longest outage %s s%s",
                timeline.requests(), timeline.failures(), Threshold.formatNumber(timeline.availabilityPercent()),
                Threshold.formatNumber(timeline.longestOutage().toMillis() / 1000d),
                legend.size() > 1 ? "; " + String.join(", ", legend) : "");
        svg.text(WIDTH - RIGHT, TOP - 8, summary, "end");
        int lx = LEFT;
        for (Map.Entry<String, String> entry : versionColours.entrySet()) {
            svg.circle(lx + 4, HEIGHT - 14, 4, entry.getValue());
            svg.text(lx + 12, HEIGHT - 10, keyPrefix + entry.getKey(), "start");
            lx += Math.max(60, 20 + 7 * (keyPrefix + entry.getKey()).length());
        }
        return svg.end();
    }

    /** One bar per instance: its share of the requests, with the smallest share allowed drawn across. */
    static String shares(String title, TrafficSpread spread, double thresholdPercent) {
        Svg svg = new Svg(title);
        Map<String, Long> answers = spread.answersPerInstance();
        if (answers.isEmpty()) {
            return svg.text(WIDTH / 2, HEIGHT / 2, "no instances", "middle").end();
        }
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double maxPercent = Math.max(thresholdPercent, 1);
        for (String instance : answers.keySet()) {
            maxPercent = Math.max(maxPercent, spread.sharePercent(instance));
        }
        maxPercent = Math.min(100, Math.ceil(maxPercent / 10) * 10 + 10);
        svg.axes("instance", "share of requests (%)");
        double slot = plotWidth / answers.size();
        int i = 0;
        for (String instance : answers.keySet()) {
            double share = spread.sharePercent(instance);
            double h = plotHeight * share / maxPercent;
            double x = LEFT + slot * i + slot * 0.2;
            svg.rect(x, TOP + plotHeight - h, slot * 0.6, h, share >= thresholdPercent ? "#1565c0" : "#c62828", null);
            svg.text(x + slot * 0.3, TOP + plotHeight - h - 4, Threshold.formatNumber(share) + " % (" + answers.get(instance) + ")", "middle");
            svg.text(x + slot * 0.3, HEIGHT - BOTTOM + 16, instance, "middle");
            i++;
        }
        double y = TOP + plotHeight - plotHeight * thresholdPercent / maxPercent;
        svg.line(LEFT, y, WIDTH - RIGHT, y, "#c62828", "4 3");
        svg.text(LEFT - 6, y + 4, Threshold.formatNumber(thresholdPercent), "end", "#c62828");
        svg.text(LEFT - 6, TOP + 4, Threshold.formatNumber(maxPercent), "end");
        svg.text(WIDTH - RIGHT, TOP - 8, spread.requests() + " requests, " + spread.unanswered() + " not answered; dashed: smallest share allowed "
                + Threshold.formatNumber(thresholdPercent) + " %", "end");
        return svg.end();
    }

    /** A minimal SVG writer. */
    private static final class Svg {
        private final StringBuilder out = new StringBuilder();

        Svg(String title) {
            out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                    + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
            out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
            out.append("<title>").append(escape(title)).append("</title>");
            text(LEFT, 18, title, "start");
        }

        Svg axes(String xLabel, String yLabel) {
            line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#000", null);
            line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#000", null);
            text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - BOTTOM + 34, xLabel, "middle");
            out.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">%s</text>",
                    (TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0, escape(yLabel)));
            return this;
        }

        Svg line(double x1, double y1, double x2, double y2, String colour, String dash) {
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>",
                    x1, y1, x2, y2, colour, dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
            return this;
        }

        Svg rect(double x, double y, double w, double h, String fill, String stroke) {
            out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s/>",
                    x, y, Math.max(0, w), Math.max(0, h), fill, stroke == null ? "" : " stroke=\"" + stroke + "\""));
            return this;
        }

        Svg circle(double x, double y, double r, String fill) {
            out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>", x, y, r, fill));
            return this;
        }

        Svg cross(double x, double y, String colour) {
            line(x - 3, y - 3, x + 3, y + 3, colour, null);
            return line(x - 3, y + 3, x + 3, y - 3, colour, null);
        }

        Svg text(double x, double y, String text, String anchor) {
            return text(x, y, text, anchor, "#000");
        }

        Svg text(double x, double y, String text, String anchor, String colour) {
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\">%s</text>",
                    x, y, anchor, colour, escape(text)));
            return this;
        }

        String end() {
            return out.append("</svg>").toString();
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
