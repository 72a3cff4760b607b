package nl.logius.platformacceptance.measure;

import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who answered when, as the deployment checks read it from the prober's timeline. */
class TimelineAnswersTest {

    private static final long T0 = 1_800_000_000_000_000L;

    private static RequestResult answer(long atMillis, String instance, String version) {
        return new RequestResult(T0 + atMillis * 1000, 2000, true, 200, instance, version, "10.0.0.1", null);
    }

    private static RequestResult failure(long atMillis) {
        return new RequestResult(T0 + atMillis * 1000, 1000, false, 0, null, null, null, "connect: refused");
    }

    private static Instant at(long millis) {
        return Timeline.instant(T0 + millis * 1000);
    }

    private final Timeline timeline = new Timeline(List.of(
            answer(0, "web-0", "1"), answer(50, "web-1", "1"), failure(100), answer(150, "web-3", "2"),
            answer(200, "web-1", "1"), answer(250, "web-3", "2"), answer(300, "web-4", "2")));

    @Test
    void answering_instances_are_listed_in_order_of_their_first_answer_without_failures() {
        assertThat(timeline.answeringInstances()).containsExactly("web-0", "web-1", "web-3", "web-4");
    }

    @Test
    void last_answer_of_the_old_version_and_first_of_the_new_are_found() {
        assertThat(timeline.lastAnswer(Timeline.version("1"))).contains(at(200));
        assertThat(timeline.firstAnswerAfter(at(0), Timeline.version("2"))).contains(at(150));
        assertThat(timeline.lastAnswer(Timeline.version("3"))).isEmpty();
    }

    @Test
    void first_answer_after_a_moment_skips_earlier_answers_and_failures() {
        assertThat(timeline.firstAnswerAfter(at(100), r -> true)).contains(at(150));
        assertThat(timeline.firstAnswerAfter(at(201), r -> "web-1".equals(r.instance()))).isEmpty();
        assertThat(timeline.firstAnswerAfter(at(60), r -> !List.of("web-1", "web-3").contains(r.instance()))).contains(at(300));
    }

    @Test
    void a_chart_by_instance_names_the_instances_in_its_legend() {
        String svg = timeline.chartByInstance("by instance");
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains(">web-3<").contains(">web-4<").doesNotContain(">vweb-3<");
        assertThat(timeline.chart("by version")).contains(">v1<").contains(">v2<");
    }
}
