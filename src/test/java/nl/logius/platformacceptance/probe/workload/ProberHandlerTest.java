package nl.logius.platformacceptance.probe.workload;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProberHandlerTest {

    private static ServiceClient.Result answered(long micros) {
        return new ServiceClient.Result(1L, micros, true, 200, "web-0", "1", "10.0.0.2", null, 120);
    }

    @Test
    void an_answer_after_the_timeout_is_a_failed_request_that_still_says_who_answered() {
        ServiceClient.Result late = ProberHandler.lateAsFailed(answered(1_500_000), 1_000);
        assertThat(late.ok()).isFalse();
        assertThat(late.error()).isEqualTo("timeout: answered after 1500 ms, more than the 1000 ms allowed");
        assertThat(late.instance()).isEqualTo("web-0");
    }

    @Test
    void an_answer_in_time_and_a_failure_stay_as_they_are() {
        ServiceClient.Result inTime = answered(999_000);
        assertThat(ProberHandler.lateAsFailed(inTime, 1_000)).isSameAs(inTime);
        ServiceClient.Result refused = new ServiceClient.Result(1L, 3_000_000, false, 0, null, null, null, "connect: refused", 0);
        assertThat(ProberHandler.lateAsFailed(refused, 1_000)).isSameAs(refused);
    }
}
