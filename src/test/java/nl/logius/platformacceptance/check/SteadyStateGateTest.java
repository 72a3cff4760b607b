package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.measure.RequestResults;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.ProbeClient.ProberResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate as a check uses it, against a prober that is faked in time (no waiting for real windows). */
class SteadyStateGateTest {

    @TempDir
    Path evidenceDirectory;

    @Test
    void a_service_that_is_not_steady_before_the_disruption_breaks_the_check_instead_of_failing_it() {
        Evidence evidence = new Evidence(new CheckRecord("GateCheck.gate", "gate", List.of("KP-FO-01")), evidenceDirectory);
        // Every request fails, and one failed even after the time allowed: the steady state never came.
        Instant late = Instant.now().plus(Deadlines.STEADY_STATE_DEADLINE).plusSeconds(5);
        SteadyState steadyState = SteadyState.of("every request to 'web' succeeds",
                since -> new ProberResults(RequestResults.of(late, "---"), Timeline.micros(late)), evidence);

        assertThatThrownBy(steadyState::verifyBefore)
                .isInstanceOf(PlatformException.class)
                .isNotInstanceOf(AssertionError.class)
                .hasMessageStartingWith("steady state not reached before the disruption (every request to 'web' succeeds for 3 s, within 20 s of ")
                .hasMessageContaining("a request still failed at +2")
                .hasMessageEndingWith("; the check cannot measure the disruption's effect");
    }

    @Test
    void after_the_disruption_the_gate_returns_its_finding_and_asserts_nothing() {
        Evidence evidence = new Evidence(new CheckRecord("GateCheck.gate", "gate", List.of("KP-FO-01")), evidenceDirectory);
        Instant kill = Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        // Failing since the kill and still failing beyond the 15 s allowed.
        SteadyState steadyState = SteadyState.of("every request to 'web' succeeds",
                since -> new ProberResults(RequestResults.of(kill.plusSeconds(16), "+-+-"), Timeline.micros(Instant.now())), evidence);

        SteadyState.Restoration restoration = steadyState.awaitRestored("the freeze", kill, Duration.ofSeconds(15));

        assertThat(restoration.restored()).isFalse();
        assertThat(restoration.elapsed()).isEqualTo(Duration.ofMillis(16_150));
    }
}
