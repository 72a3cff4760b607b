package nl.logius.platformacceptance.suites.failover;

import nl.logius.platformacceptance.measure.RequestResults;
import nl.logius.platformacceptance.measure.Timeline;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static nl.logius.platformacceptance.measure.RequestResults.at;
import static org.assertj.core.api.Assertions.assertThat;

class HungInstanceCheckTest {

    @Test
    void answers_of_the_frozen_instance_count_for_requests_started_and_answered_within_the_window() {
        Instant start = Instant.parse("2026-01-05T10:00:00Z");
        // web-0 answers requests 0, 3, 6 and 9 (each 5 ms after it started).
        Timeline timeline = new Timeline(RequestResults.of(start, "++++++++++"));

        // A request started before the window and answered in it was in flight: it does not count.
        assertThat(HungInstanceCheck.answersFrom(timeline, "web-0", at(start, 0).plusMillis(1), at(start, 9))).isEqualTo(2);
        assertThat(HungInstanceCheck.answersFrom(timeline, "web-0", at(start, 1), at(start, 9))).isEqualTo(2);
        assertThat(HungInstanceCheck.answersFrom(timeline, "web-0", at(start, 7), at(start, 9))).isZero();
        // A request started in the window but answered after it was held by the frozen instance: it does not count.
        assertThat(HungInstanceCheck.answersFrom(timeline, "web-0", at(start, 1), at(start, 6).plusNanos(1_000))).isEqualTo(1);
        assertThat(HungInstanceCheck.answersFrom(timeline, "web-1", at(start, 0), at(start, 10))).isEqualTo(3);
    }
}
