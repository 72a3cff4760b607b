package nl.logius.platformacceptance.measure;

import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import nl.logius.platformacceptance.register.Threshold;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * The pictures of the evidence, as self-contained SVG (Allure shows them inline; a browser opens them from
 * the evidence folder). Plain SVG keeps the harness free of a plotting toolkit and of fonts on the machine.
 *
 * <p>Made to be read by someone who was not there: both axes have round tick values (steps of 1, 2, 2.5 or 5
 * times a power of ten) with grid lines, no label is drawn over another ({@link LabelRows}), and a caption under
 * the chart says what every mark is and counts what it shows, window by window: a number on a chart that does
 * not match the measurement beside it (the whole timeline against the measured window) is explained there.
 */
final class Charts {

    private static final int WIDTH = 900;
    private static final int PLOT_HEIGHT = 260;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 64;
    /** Below the plot: tick labels, the axis label, the legend. The caption follows. */
    private static final int AXIS_AREA = 62;
    private static final int LINE_HEIGHT = 14;
    /** Sans-serif at 11 px: a generous average advance, so that estimated extents never underestimate much. */
    private static final double CHARACTER_WIDTH = 6.4;
    private static final int CAPTION_CHARACTERS = (int) ((WIDTH - LEFT - RIGHT) / CHARACTER_WIDTH);
    private static final int TICKS = 5;
    private static final String[] VERSION_COLOURS = {"#2e7d32", "#1565c0", "#6a1b9a", "#ef6c00", "#00838f"};

    private Charts() {
    }

    static String latencyDistribution(String title, LatencyStats stats, Double thresholdMillis) {
        if (stats.count() == 0) {
            return new Svg(title, List.of("No samples: nothing was measured.")).text(WIDTH / 2.0, TOP + PLOT_HEIGHT / 2.0,
                    "no samples", "middle").end();
        }
        Histogram histogram = stats.histogram();
        double shown = Math.max(stats.percentileMillis(99.9), thresholdMillis == null ? 0 : Math.min(thresholdMillis, stats.maxMillis() * 1.2));
        Axis x = Axis.of(0, Math.max(shown, stats.minMillis() + 0.001), TICKS);
        double bucketMillis = Axis.niceStep(x.max() / 40);
        int buckets = (int) Math.ceil(x.max() / bucketMillis - 1e-9);
        long[] counts = new long[buckets];
        long beyond = 0;
        for (var value : histogram.recordedValues()) {
            double millis = value.getValueIteratedTo() / 1000d;
            if (millis > x.max()) {
                beyond += value.getCountAtValueIteratedTo();
            }
            counts[(int) Math.min(buckets - 1, millis / bucketMillis)] += value.getCountAtValueIteratedTo();
        }
        long highest = 1;
        for (long count : counts) {
            highest = Math.max(highest, count);
        }
        Axis y = Axis.ofCounts(highest, TICKS);
        List<String> caption = new ArrayList<>();
        caption.add(stats.count() + " samples (each a measured request, look-up or write), " + stats.summary().replaceFirst(" \\(.*\\)$", "")
                + ". Each bar counts the samples of " + Threshold.formatNumber(bucketMillis) + " ms of latency.");
        caption.add("Vertical lines: the 50th (green) and 99th (orange) percentile" + (thresholdMillis == null ? "."
                : thresholdMillis <= x.max() ? " and the threshold " + Threshold.formatNumber(thresholdMillis) + " ms (red, dashed)."
                : "; the threshold " + Threshold.formatNumber(thresholdMillis) + " ms lies beyond this scale."));
        if (beyond > 0) {
            caption.add(beyond + " sample(s) above " + Threshold.formatNumber(x.max()) + " ms, the end of this scale, are counted in the"
                    + " last bar (the slowest is " + Threshold.formatNumber(stats.maxMillis()) + " ms).");
        }
        Svg svg = new Svg(title, caption);
        svg.axes(x, y, "latency (ms)", "samples");
        double barWidth = svg.plotWidth() * bucketMillis / x.max();
        for (int i = 0; i < buckets; i++) {
            double h = PLOT_HEIGHT * counts[i] / y.max();
            svg.rect(LEFT + barWidth * i, TOP + PLOT_HEIGHT - h, Math.max(1, barWidth - 1), h, "#1565c0", null);
        }
        LabelRows labels = new LabelRows(svg.plotWidth());
        svg.markVertical(x, stats.p50Millis(), "p50 " + Threshold.formatNumber(stats.p50Millis()), "#2e7d32", labels);
        svg.markVertical(x, stats.p99Millis(), "p99 " + Threshold.formatNumber(stats.p99Millis()), "#ef6c00", labels);
        if (thresholdMillis != null && thresholdMillis <= x.max()) {
            svg.markVertical(x, thresholdMillis, "threshold " + Threshold.formatNumber(thresholdMillis), "#c62828", labels);
        }
        return svg.end();
    }

    static String timeline(String title, Timeline timeline) {
        return timeline(title, timeline, RequestResult::version, "v");
    }

    /**
     * @param colourKey  what colours a successful request (its version, or the instance that answered)
     * @param keyPrefix  put before each key in the legend ("v" for versions)
     */
    static String timeline(String title, Timeline timeline, Function<RequestResult, String> colourKey, String keyPrefix) {
        List<RequestResult> results = timeline.results();
        if (results.isEmpty()) {
            return new Svg(title, List.of("No requests: the prober recorded none.")).text(WIDTH / 2.0, TOP + PLOT_HEIGHT / 2.0,
                    "no requests", "middle").end();
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
        // Failed requests are drawn at the top whatever their time: their timeouts must not flatten the scale.
        double maxLatencyMillis = 0.001;
        for (RequestResult r : results) {
            maxLatencyMillis = r.ok() ? Math.max(maxLatencyMillis, r.micros() / 1000d) : maxLatencyMillis;
        }
        final long origin = start;
        Axis x = Axis.of(0, Math.max(1e-3, (end - origin) / 1e6), TICKS);
        Axis y = Axis.of(0, maxLatencyMillis, TICKS);
        Map<String, String> colours = new LinkedHashMap<>();
        results.stream().filter(RequestResult::ok).forEach(r -> colours.computeIfAbsent(String.valueOf(colourKey.apply(r)),
                key -> VERSION_COLOURS[colours.size() % VERSION_COLOURS.length]));

        Svg svg = new Svg(title, timelineCaption(timeline, origin, colours.keySet(), keyPrefix));
        double plotWidth = svg.plotWidth();
        DoubleUnaryOperator px = micros -> LEFT + plotWidth * ((micros - origin) / 1e6) / x.max();
        int shade = 0;
        for (Timeline.Window window : timeline.windows()) {
            double x1 = px.applyAsDouble(Timeline.micros(window.from()));
            double x2 = px.applyAsDouble(Timeline.micros(window.to()));
            svg.rect(x1, TOP, Math.max(1, x2 - x1), PLOT_HEIGHT, shade++ % 2 == 0 ? "#fff3e0" : "#e3f2fd", null);
        }
        for (Timeline.Window measured : timeline.measured()) {
            double x1 = px.applyAsDouble(Timeline.micros(measured.from()));
            double x2 = px.applyAsDouble(Timeline.micros(measured.to()));
            svg.bracket(x1, x2, TOP - 6, "#424242");
        }
        for (Timeline.Window outage : timeline.outages()) {
            double x1 = px.applyAsDouble(Timeline.micros(outage.from()));
            double x2 = px.applyAsDouble(Timeline.micros(outage.to()));
            svg.rect(x1, TOP, Math.max(1, x2 - x1), 6, "#c62828", null);
        }
        svg.axes(x, y, "seconds since " + Timeline.timeOfDay(Timeline.instant(origin)), "latency (ms)");
        for (RequestResult r : results) {
            double dotX = px.applyAsDouble(r.t());
            if (r.ok()) {
                double dotY = TOP + PLOT_HEIGHT - PLOT_HEIGHT * (r.micros() / 1000d) / y.max();
                svg.circle(dotX, dotY, 2.2, colours.get(String.valueOf(colourKey.apply(r))));
            } else {
                svg.cross(dotX, TOP + 14, "#c62828");
            }
        }
        // Labels last, over the shades and the dots, each on a white halo so that a dot never hides a letter.
        LabelRows windowLabels = new LabelRows(plotWidth);
        for (Timeline.Window window : timeline.windows()) {
            double x1 = px.applyAsDouble(Timeline.micros(window.from()));
            int row = windowLabels.place(x1 - LEFT + 3, window.label(), false);
            svg.label(x1 + 3, TOP + PLOT_HEIGHT - 6 - LINE_HEIGHT * row, window.label(), "start", "#ef6c00");
        }
        List<Timeline.Mark> marks = timeline.marks().stream().sorted(Comparator.comparing(Timeline.Mark::at)).toList();
        marks.forEach(mark -> svg.line(px.applyAsDouble(Timeline.micros(mark.at())), TOP, px.applyAsDouble(Timeline.micros(mark.at())),
                TOP + PLOT_HEIGHT, "#424242", "5 3"));
        LabelRows markLabels = new LabelRows(plotWidth);
        for (Timeline.Mark mark : marks) {
            double markX = px.applyAsDouble(Timeline.micros(mark.at()));
            boolean rightHalf = markX > LEFT + plotWidth * 0.6;
            int row = markLabels.place(rightHalf ? markX - LEFT - 3 : markX - LEFT + 3, mark.label(), rightHalf);
            svg.label(rightHalf ? markX - 3 : markX + 3, TOP + 28 + LINE_HEIGHT * row, mark.label(), rightHalf ? "end" : "start", "#424242");
        }
        double legendX = LEFT;
        for (Map.Entry<String, String> entry : colours.entrySet()) {
            svg.circle(legendX + 4, TOP + PLOT_HEIGHT + 50, 4, entry.getValue());
            svg.text(legendX + 12, TOP + PLOT_HEIGHT + 54, keyPrefix + entry.getKey(), "start");
            legendX += Math.max(60, 20 + CHARACTER_WIDTH * (keyPrefix + entry.getKey()).length());
        }
        return svg.end();
    }

    /** What every mark of a timeline is, and the requests of the whole timeline and of each window. */
    private static List<String> timelineCaption(Timeline timeline, long origin, java.util.Set<String> keys, String keyPrefix) {
        List<String> caption = new ArrayList<>();
        caption.add("Each dot is one request at its start time, its height the latency"
                + (keys.size() > 1 ? ", its colour the " + ("v".equals(keyPrefix) ? "version" : "instance") + " that answered" : "")
                + "; × at the top: a failed request; red bar at the top: an outage (consecutive failures).");
        Timeline.Window whole = new Timeline.Window(Timeline.instant(timeline.results().get(0).t()),
                timeline.end().orElseThrow(), "the whole timeline");
        caption.add(counted("All", whole, timeline, origin) + ", availability " + Threshold.formatNumber(timeline.availabilityPercent())
                + " %, longest outage " + Durations.seconds(timeline.longestOutage()) + ".");
        for (Timeline.Window window : timeline.windows()) {
            caption.add("Shaded '" + window.label() + "': " + counted("", window, timeline, origin).strip() + ".");
        }
        for (Timeline.Window measured : timeline.measured()) {
            caption.add("Bracket above the plot: " + measured.label() + ", measured " + counted("over", measured, timeline, origin)
                    + " — the counts the measurement rests on.");
        }
        List<Timeline.Mark> marks = timeline.marks().stream().sorted(Comparator.comparing(Timeline.Mark::at)).toList();
        if (!marks.isEmpty()) {
            caption.add("Dashed lines: " + String.join("; ", marks.stream().map(m -> m.label() + " (+"
                    + seconds(Timeline.micros(m.at()) - origin) + " s)").toList()) + ".");
        }
        return caption;
    }

    /** {@code All 745 requests from 14:45:00.100Z to 14:45:37.300Z (+0 s to +37.2 s): 3 failed}. */
    private static String counted(String what, Timeline.Window window, Timeline timeline, long origin) {
        Timeline within = timeline.between(window.from(), window.to().plusNanos(1_000));
        return (what.isEmpty() ? "" : what + " ") + within.requests() + " requests from " + Timeline.timeOfDay(window.from()) + " to "
                + Timeline.timeOfDay(window.to()) + " (+" + seconds(Timeline.micros(window.from()) - origin) + " s to +"
                + seconds(Timeline.micros(window.to()) - origin) + " s): " + within.failures() + " failed";
    }

    private static String seconds(long micros) {
        return Threshold.formatNumber(micros / 1e6);
    }

    /** One bar per instance: its share of the requests, with the smallest share allowed drawn across. */
    static String shares(String title, TrafficSpread spread, double thresholdPercent) {
        Map<String, Long> answers = spread.answersPerInstance();
        List<String> caption = List.of("Each bar is one instance's share of all " + spread.requests() + " requests, with its count in"
                        + " brackets; " + spread.unanswered() + " request(s) were not answered by any instance.",
                "Dashed red: the smallest share allowed, " + Threshold.formatNumber(thresholdPercent) + " %; a red bar is below it.");
        Svg svg = new Svg(title, caption);
        if (answers.isEmpty()) {
            return svg.text(WIDTH / 2.0, TOP + PLOT_HEIGHT / 2.0, "no instances", "middle").end();
        }
        double maxPercent = thresholdPercent;
        for (String instance : answers.keySet()) {
            maxPercent = Math.max(maxPercent, spread.sharePercent(instance));
        }
        Axis y = Axis.of(0, Math.min(100, Math.max(1, maxPercent * 1.1)), TICKS);
        svg.axes(null, y, "instance", "share of requests (%)");
        double slot = svg.plotWidth() / answers.size();
        int i = 0;
        for (String instance : answers.keySet()) {
            double share = spread.sharePercent(instance);
            double h = PLOT_HEIGHT * share / y.max();
            double barX = LEFT + slot * i + slot * 0.2;
            svg.rect(barX, TOP + PLOT_HEIGHT - h, slot * 0.6, h, share >= thresholdPercent ? "#1565c0" : "#c62828", null);
            svg.text(barX + slot * 0.3, TOP + PLOT_HEIGHT - h - 4, Threshold.formatNumber(share) + " % (" + answers.get(instance) + ")", "middle");
            svg.text(barX + slot * 0.3, TOP + PLOT_HEIGHT + 16, instance, "middle");
            i++;
        }
        double lineY = TOP + PLOT_HEIGHT - PLOT_HEIGHT * thresholdPercent / y.max();
        svg.line(LEFT, lineY, WIDTH - RIGHT, lineY, "#c62828", "4 3");
        return svg.end();
    }

    /**
     * A value axis from {@code min} to {@code max} in round steps: 1, 2, 2.5 or 5 times a power of ten.
     *
     * @param ticks the tick values, the first at or below the data's minimum, the last at or above its maximum
     */
    record Axis(List<Double> ticks) {

        static Axis of(double min, double max, int approximateTicks) {
            double step = niceStep(Math.max(max - min, Double.MIN_NORMAL) / approximateTicks);
            double first = Math.floor(min / step + 1e-9) * step;
            List<Double> ticks = new ArrayList<>();
            double tick;
            int i = 0;
            do {
                tick = round(first + i++ * step, step);
                ticks.add(tick);
            } while (tick < max - 1e-9 * step || ticks.size() < 2);
            return new Axis(List.copyOf(ticks));
        }

        /** For counts: whole steps only. */
        static Axis ofCounts(long max, int approximateTicks) {
            return of(0, Math.max(max, 1), Math.min(approximateTicks, (int) Math.max(max, 1)));
        }

        /** The smallest round step (1, 2, 2.5 or 5 times a power of ten) at least {@code raw}. */
        static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
                if (factor * magnitude >= raw * (1 - 1e-9)) {
                    return factor * magnitude;
                }
            }
            return 10 * magnitude;
        }

        /** Removes the floating-point noise of repeated addition: 0.30000000000000004 is 0.3. */
        private static double round(double value, double step) {
            double scale = Math.pow(10, Math.max(0, 2 - Math.floor(Math.log10(step))));
            return Math.round(value * scale) / scale;
        }

        double max() {
            return ticks.get(ticks.size() - 1);
        }
    }

    /**
     * Places labels of one kind (marks, windows) in rows so that none overlaps another: each label goes into the
     * first row where its estimated extent is free.
     */
    static final class LabelRows {
        private final double width;
        private final List<List<double[]>> rows = new ArrayList<>();

        LabelRows(double width) {
            this.width = width;
        }

        /**
         * @param x          where the label is anchored, relative to the plot's left edge
         * @param endAnchored whether the label ends at {@code x} (else starts there)
         * @return its row, 0 first
         */
        int place(double x, String label, boolean endAnchored) {
            double length = label.length() * CHARACTER_WIDTH;
            double from = Math.max(0, endAnchored ? x - length : x);
            double to = Math.min(width + RIGHT, from + length);
            for (int row = 0; ; row++) {
                if (row == rows.size()) {
                    rows.add(new ArrayList<>());
                }
                if (rows.get(row).stream().noneMatch(taken -> from < taken[1] + 4 && taken[0] < to + 4)) {
                    rows.get(row).add(new double[] {from, to});
                    return row;
                }
            }
        }
    }

    /** A minimal SVG writer: a title, a plot area, and a caption of wrapped lines below it. */
    private static final class Svg {
        private final StringBuilder out = new StringBuilder();

        Svg(String title, List<String> caption) {
            List<String> titleLines = wrap(title, (int) ((WIDTH - LEFT) / (CHARACTER_WIDTH * 1.1)));
            List<String> captionLines = new ArrayList<>();
            caption.forEach(line -> captionLines.addAll(wrap(line, CAPTION_CHARACTERS)));
            int height = TOP + PLOT_HEIGHT + AXIS_AREA + LINE_HEIGHT * captionLines.size() + 10;
            out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                    + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">", WIDTH, height, WIDTH, height));
            out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
            out.append("<title>").append(escape(title)).append("</title>");
            for (int i = 0; i < Math.min(2, titleLines.size()); i++) {
                out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>", LEFT, 16 + LINE_HEIGHT * i,
                        escape(titleLines.get(i) + (i == 1 && titleLines.size() > 2 ? " …" : ""))));
            }
            for (int i = 0; i < captionLines.size(); i++) {
                text(LEFT, TOP + PLOT_HEIGHT + AXIS_AREA + LINE_HEIGHT * (i + 1), captionLines.get(i), "start", "#424242");
            }
        }

        double plotWidth() {
            return WIDTH - LEFT - RIGHT;
        }

        /** The axes with their round ticks and grid lines; {@code x} null for a chart of categories. */
        Svg axes(Axis x, Axis y, String xLabel, String yLabel) {
            double bottom = TOP + PLOT_HEIGHT;
            for (double tick : y.ticks()) {
                double tickY = bottom - PLOT_HEIGHT * tick / y.max();
                line(LEFT, tickY, WIDTH - RIGHT, tickY, "#e0e0e0", null);
                text(LEFT - 6, tickY + 4, Threshold.formatNumber(tick), "end");
            }
            if (x != null) {
                for (double tick : x.ticks()) {
                    double tickX = LEFT + plotWidth() * tick / x.max();
                    line(tickX, bottom, tickX, bottom + 4, "#000", null);
                    text(tickX, bottom + 16, Threshold.formatNumber(tick), "middle");
                }
            }
            line(LEFT, bottom, WIDTH - RIGHT, bottom, "#000", null);
            line(LEFT, TOP, LEFT, bottom, "#000", null);
            text((LEFT + WIDTH - RIGHT) / 2.0, bottom + 32, xLabel, "middle");
            double middle = TOP + PLOT_HEIGHT / 2.0;
            out.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">%s</text>",
                    middle, middle, escape(yLabel)));
            return this;
        }

        void markVertical(Axis x, double value, String label, String colour, LabelRows rows) {
            double lineX = LEFT + plotWidth() * Math.min(1, value / x.max());
            line(lineX, TOP, lineX, TOP + PLOT_HEIGHT, colour, "4 3");
            boolean rightHalf = lineX > LEFT + plotWidth() * 0.75;
            int row = rows.place(rightHalf ? lineX - LEFT - 3 : lineX - LEFT + 3, label, rightHalf);
            label(rightHalf ? lineX - 3 : lineX + 3, TOP + 12 + LINE_HEIGHT * row, label, rightHalf ? "end" : "start", colour);
        }

        /** A span marked above the plot: a line with a tick at each end. */
        void bracket(double x1, double x2, double y, String colour) {
            line(x1, y, x2, y, colour, null);
            line(x1, y - 4, x1, y + 4, colour, null);
            line(x2, y - 4, x2, y + 4, colour, null);
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

        /** Text inside the plot, on a white halo (drawn under the letters) so that lines and dots do not hide it. */
        Svg label(double x, double y, String text, String anchor, String colour) {
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\" stroke=\"white\""
                    + " stroke-width=\"3\" paint-order=\"stroke\">%s</text>", x, y, anchor, colour, escape(text)));
            return this;
        }

        String end() {
            return out.append("</svg>").toString();
        }

        /** Words into lines of at most {@code characters}. */
        private static List<String> wrap(String text, int characters) {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > characters) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() == 0 ? "" : " ").append(word);
            }
            if (line.length() > 0) {
                lines.add(line.toString());
            }
            return lines;
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
