package nl.logius.platformacceptance.suites.storage;

import nl.logius.platformacceptance.measure.LatencyStats;
import nl.logius.platformacceptance.register.Comparison;
import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.register.Unit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EarlyStopTest {

    private static final Threshold THROUGHPUT = new Threshold("sequential-write-throughput", 50,
            Unit.MEBIBYTES_PER_SECOND, Comparison.AT_LEAST, "");
    private static final Threshold P99 = new Threshold("fsync-write-latency-p99", 50, Unit.MILLISECONDS,
            Comparison.AT_MOST, "");

    @Test
    void a_sequential_write_of_256_mib_is_decided_after_the_time_it_takes_at_the_minimum_throughput() {
        assertThat(EarlyStop.sequentialWriteDecidedAfter(256L << 20, THROUGHPUT)).contains(Duration.ofMillis(5120));
    }

    @Test
    void a_threshold_that_is_not_a_minimum_throughput_decides_nothing_early() {
        Threshold maximum = new Threshold("x", 50, Unit.MEBIBYTES_PER_SECOND, Comparison.AT_MOST, "");
        assertThat(EarlyStop.sequentialWriteDecidedAfter(256L << 20, maximum)).isEmpty();
        assertThat(EarlyStop.slowSamplesDeciding(500, 99, THROUGHPUT)).isEmpty();
    }

    @Test
    void six_slow_samples_decide_the_p99_of_500() {
        assertThat(EarlyStop.slowSamplesDecidingPercentile(500, 99)).isEqualTo(6);
        assertThat(EarlyStop.slowSamplesDeciding(500, 99, P99)).hasValue(6);
        assertThat(EarlyStop.slowSamplesDecidingPercentile(100, 99)).isEqualTo(2);
        assertThat(EarlyStop.slowSamplesDecidingPercentile(200, 50)).isEqualTo(101);
        assertThat(EarlyStop.slowSamplesDecidingPercentile(10, 100)).isEqualTo(1);
    }

    /** The rule agrees with HdrHistogram: one slow sample fewer leaves the p99 under, that many puts it over. */
    @Test
    void the_slow_sample_rule_agrees_with_the_histogram() {
        int deciding = EarlyStop.slowSamplesDecidingPercentile(500, 99);
        assertThat(LatencyStats.ofMicros(samples(500, deciding - 1)).p99Millis()).isLessThanOrEqualTo(50);
        assertThat(LatencyStats.ofMicros(samples(500, deciding)).p99Millis()).isGreaterThan(50);
    }

    private static List<Long> samples(int count, int slow) {
        List<Long> samples = new ArrayList<>(Collections.nCopies(count - slow, 1_000L));
        samples.addAll(Collections.nCopies(slow, 200_000L));
        return samples;
    }
}
