package nl.logius.platformacceptance.measure;

import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    private static final long T0 = Timeline.micros(Instant.parse("2026-11-29T10:00:00Z"));

    /** 20 req/s for 10 s; requests 60..79 (3.0 s to 3.95 s) fail. */
    private static Timeline outageOfOneSecond() {
        List<RequestResult> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean ok = i < 60 || i >= 80;
            results.add(new RequestResult(T0 + i * 50_000L, 2_000, ok, ok ? 200 : 0, ok ? "web-1" : null, "1", "10.0.0.1",
                    ok ? null : "connect refused"));
        }
        return new Timeline(results);
    }

    @Test
    void availability_is_the_share_of_successful_requests() {
        assertThat(outageOfOneSecond().availabilityPercent()).isEqualTo(90.0);
    }

    @Test
    void longest_outage_runs_from_the_first_failure_to_the_next_success() {
        assertThat(outageOfOneSecond().longestOutage()).isEqualTo(Duration.ofSeconds(1));
        assertThat(outageOfOneSecond().outages()).hasSize(1);
    }

    @Test
    void recovery_is_measured_from_the_disruption_to_the_first_of_n_consecutive_successes() {
        Instant disruption = Timeline.instant(T0 + 2_900_000L);
        assertThat(outageOfOneSecond().recoveryAfter(disruption, 5)).contains(Duration.ofMillis(1_100));
    }

    @Test
    void a_service_that_never_comes_back_has_no_recovery() {
        List<RequestResult> failing = List.of(new RequestResult(T0, 1_000, false, 0, null, null, null, "refused"));
        assertThat(new Timeline(failing).recoveryAfter(Timeline.instant(T0), 1)).isEmpty();
        assertThat(new Timeline(failing).longestOutage()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void a_window_counts_only_requests_that_started_in_it() {
        Timeline timeline = outageOfOneSecond();
        assertThat(timeline.availabilityPercent(Timeline.instant(T0), Timeline.instant(T0 + 3_000_000L))).isEqualTo(100.0);
        assertThat(timeline.availabilityPercent(Timeline.instant(T0 + 3_000_000L), Timeline.instant(T0 + 4_000_000L))).isZero();
    }

    @Test
    void the_chart_is_an_svg_that_names_its_numbers() {
        String svg = outageOfOneSecond().mark(Timeline.instant(T0 + 3_000_000L), "kill web-0").chart("test");
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("kill web-0").contains("All 200 requests from").contains(": 20 failed, availability 90 %");
    }
}
