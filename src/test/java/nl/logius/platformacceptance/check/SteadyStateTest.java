package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.check.SteadyState.Evaluation;
import nl.logius.platformacceptance.measure.RequestResults;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static nl.logius.platformacceptance.measure.RequestResults.at;
import static org.assertj.core.api.Assertions.assertThat;

class SteadyStateTest {

    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(1); // 20 requests of the pattern
    private static final Instant FAR = START.plusSeconds(60);

    @Test
    void it_holds_once_every_request_of_a_whole_window_succeeded() {
        var results = RequestResults.of(START, "+".repeat(25));

        Evaluation evaluation = SteadyState.evaluate(results, START, START, WINDOW, FAR, at(START, 20));

        assertThat(evaluation).isEqualTo(new Evaluation.Holds(START, 21));
    }

    @Test
    void it_is_pending_until_the_window_is_settled_and_says_how_long_to_go() {
        var results = RequestResults.of(START, "+".repeat(25));

        Evaluation evaluation = SteadyState.evaluate(results, START, START, WINDOW, FAR, at(START, 10));

        assertThat(evaluation).isInstanceOfSatisfying(Evaluation.Pending.class,
                pending -> assertThat(pending.toGo()).isEqualTo(Duration.ofMillis(500)));
    }

    @Test
    void after_a_failure_it_holds_again_from_the_first_request_after_the_last_failure() {
        var results = RequestResults.of(START, "++--+-" + "+".repeat(22));

        Evaluation evaluation = SteadyState.evaluate(results, START, START, WINDOW, FAR, at(START, 27));

        assertThat(evaluation).isEqualTo(new Evaluation.Holds(at(START, 6), 22));
    }

    @Test
    void the_window_is_observed_from_the_moment_of_asking_even_when_it_held_before() {
        var results = RequestResults.of(START, "+".repeat(30));

        Evaluation early = SteadyState.evaluate(results, START, at(START, 15), WINDOW, FAR, at(START, 29));
        Evaluation late = SteadyState.evaluate(results, START, at(START, 5), WINDOW, FAR, at(START, 29));

        assertThat(early).isInstanceOf(Evaluation.Pending.class);
        assertThat(late).isEqualTo(new Evaluation.Holds(START, 25));
    }

    @Test
    void a_failure_not_yet_settled_still_counts() {
        var results = RequestResults.of(START, "+".repeat(24) + "-");

        Evaluation evaluation = SteadyState.evaluate(results, START, START, WINDOW, FAR, at(START, 22));

        assertThat(evaluation).isInstanceOf(Evaluation.Pending.class);
    }

    @Test
    void it_is_not_restored_once_a_request_failed_beyond_the_deadline() {
        var results = RequestResults.of(START, "+-".repeat(15));

        Evaluation evaluation = SteadyState.evaluate(results, START, START, WINDOW, at(START, 20), at(START, 29));

        assertThat(evaluation).isInstanceOfSatisfying(Evaluation.NotRestored.class, notRestored -> {
            assertThat(notRestored.lastFailure().t()).isEqualTo(RequestResults.of(START, "+-".repeat(15)).get(29).t());
            assertThat(notRestored.describe()).isEqualTo("a request still failed at +1.45 s (no answer)");
        });
    }

    @Test
    void a_restoration_reports_its_elapsed_time_and_beyond_the_deadline_a_lower_bound() {
        Instant kill = START;
        var restored = new SteadyState.Restoration("every request succeeds", "the kill", kill, Duration.ofSeconds(15),
                new Evaluation.Holds(kill.plusMillis(850), 60), kill.plusSeconds(5));
        var failing = RequestResults.of(START, "-").get(0);
        var notRestored = new SteadyState.Restoration("every request succeeds", "the freeze", kill, Duration.ofSeconds(15),
                new Evaluation.NotRestored(new nl.logius.platformacceptance.platform.ProbeClient.RequestResult(
                        failing.t() + 15_200_000, 1_000_000, false, 0, null, null, null, "timeout"), "still failing"),
                kill.plusSeconds(17));
        var gaveUp = new SteadyState.Restoration("every request succeeds", "the kill", kill, Duration.ofSeconds(15),
                new Evaluation.NotRestored(null, "not observed"), kill.plusSeconds(21));

        assertThat(restored.restored()).isTrue();
        assertThat(restored.elapsed()).isEqualTo(Duration.ofMillis(850));
        assertThat(restored.describe()).isEqualTo("every request succeeds again from 10:00:00.850Z, 0.85 s after the kill at 10:00:00Z");
        assertThat(notRestored.restored()).isFalse();
        assertThat(notRestored.elapsed()).isEqualTo(Duration.ofMillis(15_200));
        assertThat(notRestored.describe()).isEqualTo("not steady again within 15 s of the freeze at 10:00:00Z: still failing");
        assertThat(gaveUp.elapsed()).isEqualTo(Duration.ofSeconds(21));
        assertThat(restored.elapsedTogetherWith(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        assertThat(restored.elapsedTogetherWith(Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(850));
        assertThat(notRestored.elapsedTogetherWith(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(15_200));
    }
}
