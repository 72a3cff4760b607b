package nl.logius.platformacceptance.suites.deployment;

import nl.logius.platformacceptance.measure.RequestResults;
import nl.logius.platformacceptance.measure.Timeline;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static nl.logius.platformacceptance.measure.RequestResults.at;
import static org.assertj.core.api.Assertions.assertThat;

class SelfHealingCheckTest {

    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    private static final Set<String> SURVIVORS = Set.of("web-1", "web-2");

    @Test
    void an_answer_of_the_victim_before_the_kill_returned_is_not_a_heal() {
        // web-0 answers requests 0, 3, 6 and 9. The crash is decided at request 2 and the kill returns at request 4:
        // request 3 was still answered by the living web-0, so the first heal is request 6.
        Timeline timeline = new Timeline(RequestResults.of(START, "++++++++++"));

        assertThat(SelfHealingCheck.servesAgain(timeline, at(START, 4), SURVIVORS)).contains(at(START, 6));
    }

    @Test
    void a_victim_that_stays_down_never_serves_again_while_the_survivors_answer() {
        // The kill returns at request 5; web-0's requests fail from then on (6, 9, 12), web-1 and web-2 answer theirs.
        Timeline timeline = new Timeline(RequestResults.of(START, "++++++-++-++-"));

        assertThat(SelfHealingCheck.servesAgain(timeline, at(START, 5), SURVIVORS)).isEmpty();
    }
}
