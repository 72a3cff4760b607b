package nl.logius.platformacceptance.measure;

import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrafficSpreadTest {

    private static List<RequestResult> answers(String instance, int count) {
        List<RequestResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(new RequestResult(i, 1000, true, 200, instance, "1", "10.0.0.1", null));
        }
        return results;
    }

    private static List<RequestResult> failures(int count) {
        List<RequestResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(new RequestResult(i, 1000, false, 0, null, null, null, "dns: unknown"));
        }
        return results;
    }

    @Test
    void an_instance_that_answered_nothing_counts_with_zero_percent() {
        List<RequestResult> results = new ArrayList<>(answers("web-0", 300));
        results.addAll(answers("web-1", 100));
        TrafficSpread spread = TrafficSpread.over(List.of("web-0", "web-1", "web-2"), results);

        assertThat(spread.requests()).isEqualTo(400);
        assertThat(spread.sharePercent("web-0")).isEqualTo(75.0);
        assertThat(spread.leastServedInstance()).isEqualTo("web-2");
        assertThat(spread.smallestSharePercent()).isZero();
        assertThat(spread.describe()).isEqualTo("web-0 75 % (300), web-1 25 % (100), web-2 0 % (0)");
    }

    @Test
    void failed_requests_and_unknown_instances_lower_every_share() {
        List<RequestResult> results = new ArrayList<>(answers("web-0", 100));
        results.addAll(answers("web-1", 100));
        results.addAll(answers("web-9", 100));
        results.addAll(failures(100));
        TrafficSpread spread = TrafficSpread.over(List.of("web-0", "web-1"), results);

        assertThat(spread.smallestSharePercent()).isCloseTo(25.0, within(1e-9));
        assertThat(spread.unanswered()).isEqualTo(100);
        assertThat(spread.answeredByOthers()).isEqualTo(100);
    }

    @Test
    void the_chart_draws_one_bar_per_instance_and_the_threshold() {
        TrafficSpread spread = TrafficSpread.over(List.of("web-0", "web-1"), answers("web-0", 10));
        String svg = spread.chart("spread", 10);
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains(">web-0<").contains(">web-1<")
                .contains("the smallest share allowed, 10 %");
    }
}
