package nl.logius.platformacceptance.measure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyStatsTest {

    @Test
    void percentiles_come_from_the_samples_in_milliseconds() {
        List<Long> micros = new ArrayList<>();
        for (long i = 1; i <= 1000; i++) {
            micros.add(i * 1000);
        }
        LatencyStats stats = LatencyStats.ofMicros(micros);
        assertThat(stats.count()).isEqualTo(1000);
        assertThat(stats.p50Millis()).isCloseTo(500, within(1.0));
        assertThat(stats.p99Millis()).isCloseTo(990, within(1.0));
        assertThat(stats.maxMillis()).isCloseTo(1000, within(1.0));
        assertThat(stats.summary()).contains("p50").contains("(1000 samples)");
    }

    @Test
    void no_samples_give_no_numbers_rather_than_zero() {
        LatencyStats stats = LatencyStats.ofMicros(List.of());
        assertThat(stats.p99Millis()).isNaN();
        assertThat(stats.chart("empty", null)).contains("no samples");
    }
}
