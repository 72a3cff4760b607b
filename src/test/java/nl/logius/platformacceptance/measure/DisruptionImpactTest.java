package nl.logius.platformacceptance.measure;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static nl.logius.platformacceptance.measure.RequestResults.at;
import static org.assertj.core.api.Assertions.assertThat;

class DisruptionImpactTest {

    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void rto_runs_from_the_disruption_to_the_first_of_five_successes_after_the_outage_it_caused() {
        // Disrupted at request 10; it takes effect at 12 (two lucky successes), recovers at 20.
        Timeline timeline = new Timeline(RequestResults.of(START, "++++++++++" + "++--------" + "++-++++++++++"));
        Instant disruption = at(START, 10);

        DisruptionImpact impact = DisruptionImpact.of(timeline, "kill web-0", disruption, at(START, 33));

        assertThat(impact.recoveredAt()).contains(at(START, 23));
        assertThat(impact.rto()).contains(Duration.ofMillis(650));
        assertThat(impact.rtoText()).isEqualTo("RTO 0.65 s (kill web-0 at 10:00:00.500Z; first of 5 consecutive successes at 10:00:01.150Z)");
    }

    @Test
    void successes_while_the_disruption_takes_effect_do_not_pass_for_a_recovery() {
        // A zone's instances are cut off one by one: one failure, five lucky successes, then the outage.
        Timeline timeline = new Timeline(RequestResults.of(START, "+-+++++-----+++++++"));

        DisruptionImpact impact = DisruptionImpact.of(timeline, "cut zone-a", START, at(START, 19));

        assertThat(impact.recoveredAt()).contains(at(START, 12));
    }

    @Test
    void the_longest_outage_and_availability_count_only_the_disruption_window() {
        Timeline timeline = new Timeline(RequestResults.of(START, "---+++++" + "+----+--+" + "+++++++"));
        Instant disruption = at(START, 8);

        DisruptionImpact impact = DisruptionImpact.of(timeline, "cut zone-b", disruption, at(START, 24));

        assertThat(impact.requests()).isEqualTo(16);
        assertThat(impact.failures()).isEqualTo(6);
        assertThat(impact.availabilityPercent()).isEqualTo(62.5);
        assertThat(impact.longestOutageDuration()).isEqualTo(Duration.ofMillis(200));
        assertThat(impact.longestOutage()).hasValueSatisfying(window -> assertThat(window.from()).isEqualTo(at(START, 9)));
        assertThat(impact.availabilityText()).isEqualTo("16 requests, 6 failed, from 10:00:00.400Z to 10:00:01.200Z");
    }

    @Test
    void without_a_failure_the_rto_is_the_first_streak_after_the_disruption() {
        Timeline timeline = new Timeline(RequestResults.of(START, "++++++++++"));

        DisruptionImpact impact = DisruptionImpact.of(timeline, "kill web-0", START.plusMillis(20), at(START, 10));

        assertThat(impact.rto()).contains(Duration.ofMillis(30));
        assertThat(impact.longestOutage()).isEmpty();
        assertThat(impact.outageText()).isEqualTo("no failed request");
        assertThat(impact.availabilityPercent()).isEqualTo(100.0);
    }

    @Test
    void a_service_that_never_returns_has_no_rto() {
        Timeline timeline = new Timeline(RequestResults.of(START, "+++++-----++--"));

        DisruptionImpact impact = DisruptionImpact.of(timeline, "cut zone-a", at(START, 5), at(START, 14));

        assertThat(impact.rto()).isEmpty();
        assertThat(impact.rtoText()).startsWith("no recovery: never 5 consecutive successes after cut zone-a");
        assertThat(impact.evidence()).containsKeys("rto", "longestOutage", "availability");
    }

    @Test
    void the_marks_on_the_timeline_carry_the_disruption_and_the_recovery_with_their_time_of_day() {
        Timeline timeline = new Timeline(RequestResults.of(START, "++---+++++++"));

        DisruptionImpact.of(timeline, "kill store-0", at(START, 2), at(START, 12)).markOn(timeline);

        assertThat(timeline.marks()).extracting(Timeline.Mark::label)
                .containsExactly("kill store-0 at 10:00:00.100Z", "RTO 0.15 s at 10:00:00.250Z");
    }
}
