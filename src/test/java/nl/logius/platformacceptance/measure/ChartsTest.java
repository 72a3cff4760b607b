package nl.logius.platformacceptance.measure;

import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The charts read by someone who was not there: round ticks, no label over another, every count explained. */
class ChartsTest {

    private static final long T0 = Timeline.micros(Instant.parse("2026-11-29T10:00:00Z"));
    private static final Pattern TEXT = Pattern.compile("<text x=\"([0-9.]+)\" y=\"([0-9.]+)\" text-anchor=\"(\\w+)\"[^>]*>([^<]*)</text>");

    @ParameterizedTest(name = "0 to {0}: {1}")
    @CsvSource({"7.44, 0 2 4 6 8", "14.88, 0 5 10 15", "37.2, 0 10 20 30 40", "0.8, 0 0.2 0.4 0.6 0.8", "1, 0 0.2 0.4 0.6 0.8 1",
            "684, 0 200 400 600 800", "12.3, 0 2.5 5 7.5 10 12.5"})
    void axes_have_round_ticks_from_zero_past_the_largest_value(double max, String expected) {
        Charts.Axis axis = Charts.Axis.of(0, max, 5);

        assertThat(axis.ticks().stream().map(nl.logius.platformacceptance.register.Threshold::formatNumber).toList())
                .containsExactly(expected.split(" "));
        assertThat(axis.max()).isGreaterThanOrEqualTo(max);
    }

    @Test
    void a_count_axis_steps_by_whole_numbers() {
        assertThat(Charts.Axis.ofCounts(3, 5).ticks()).containsExactly(0d, 1d, 2d, 3d);
        assertThat(Charts.Axis.ofCounts(47, 5).ticks()).containsExactly(0d, 10d, 20d, 30d, 40d, 50d);
    }

    @Test
    void a_disruption_timeline_explains_every_count_and_window_and_no_label_overlaps_another() {
        Timeline timeline = hungInstanceTimeline();

        String svg = timeline.chart("A hung instance is taken out of rotation");

        String text = texts(svg).stream().map(Label::text).reduce("", (a, b) -> a + " " + b);
        assertThat(text).contains("All 745 requests from 10:00:00Z to 10:00:37.203Z (+0 s to +37.2 s): 6 failed")
                .contains("availability, longest outage and RTO, measured over 684 requests from 10:00:03.050Z to 10:00:37.203Z")
                .contains("Shaded 'web-0 frozen, in rotation': 21 requests from 10:00:03.050Z to 10:00:04.050Z (+3.05 s to +4.05 s): 6 failed")
                .contains("Dashed lines: freeze web-0 at 10:00:03.050Z (+3.05 s);", "platform: web-0 not ready (+3.9 s)")
                .contains("× at the top: a failed request");
        assertThat(yTickLabels(svg)).as("the y axis has round ticks, not only its maximum").hasSizeGreaterThan(2);
        assertNoOverlap(texts(svg));
    }

    @Test
    void a_latency_distribution_says_what_a_bar_counts_and_where_the_tail_went() {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            micros.add(1_000L + (i % 100) * 37L);
        }
        micros.add(250_000L);

        String svg = LatencyStats.ofMicros(micros).chart("Round-trip time", 100d);

        String text = texts(svg).stream().map(Label::text).reduce("", (a, b) -> a + " " + b);
        assertThat(text).contains("1001 samples", "Each bar counts the samples of 2.5 ms", "the threshold 100 ms (red, dashed)",
                "1 sample(s) above 100 ms, the end of this scale, are counted in the last bar (the slowest is 250.1 ms)");
        assertThat(yTickLabels(svg)).hasSizeGreaterThan(2);
        assertNoOverlap(texts(svg));
    }

    /** 20 req/s for 37 s; web-0 freezes at 3.05 s, 6 requests fail, it is out of rotation at 3.9 s. */
    private static Timeline hungInstanceTimeline() {
        List<RequestResult> results = new ArrayList<>();
        for (int i = 0; i < 745; i++) {
            boolean ok = i < 62 || i > 67;
            results.add(new RequestResult(T0 + i * 50_000L, ok ? 2_000 + (i % 7) * 900 : 1_000_000, ok, ok ? 200 : 0,
                    ok ? "web-" + (i % 3) : null, "1", "10.0.0.1", ok ? null : "timeout"));
        }
        Timeline timeline = new Timeline(results);
        Instant freeze = Timeline.instant(T0 + 3_050_000L);
        Instant removed = Timeline.instant(T0 + 3_900_000L);
        DisruptionImpact.of(timeline, "freeze web-0", freeze, timeline.end().orElseThrow()).markOn(timeline);
        timeline.mark(removed, "platform: web-0 not ready").window(freeze, Timeline.instant(T0 + 4_050_000L), "web-0 frozen, in rotation")
                .window(Timeline.instant(T0 + 4_050_000L), Timeline.instant(T0 + 24_050_000L), "observation after removal")
                .mark(Timeline.instant(T0 + 4_050_000L), "out of rotation");
        return timeline;
    }

    private record Label(double x, double y, String anchor, String text) {
        double from() {
            double width = text.length() * 6.0;
            return anchor.equals("end") ? x - width : anchor.equals("middle") ? x - width / 2 : x;
        }

        double to() {
            return from() + text.length() * 6.0;
        }
    }

    private static List<Label> texts(String svg) {
        List<Label> labels = new ArrayList<>();
        Matcher matcher = TEXT.matcher(svg);
        while (matcher.find()) {
            labels.add(new Label(Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2)), matcher.group(3),
                    matcher.group(4).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")));
        }
        return labels;
    }

    private static List<Label> yTickLabels(String svg) {
        return texts(svg).stream().filter(l -> l.anchor().equals("end") && l.x() < 70).toList();
    }

    /** No two labels share a line of text and a stretch of it (11 px text: lines closer than 10 px collide). */
    private static void assertNoOverlap(List<Label> labels) {
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                Label a = labels.get(i);
                Label b = labels.get(j);
                boolean sameLine = Math.abs(a.y() - b.y()) < 10;
                boolean sideBySide = a.from() < b.to() && b.from() < a.to();
                assertThat(sameLine && sideBySide).as("'%s' overlaps '%s'", a.text(), b.text()).isFalse();
            }
        }
    }
}
