package nl.logius.platformacceptance.suites.storage;

import nl.logius.platformacceptance.register.Comparison;
import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.register.Unit;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * When a storage measurement's outcome against its threshold is decided before the measurement is
 * complete, so that slow storage fails a check as fast as the criterion allows instead of after minutes of
 * slow writes. Stopping there changes no verdict: the whole measurement could only have failed too.
 */
final class EarlyStop {

    private EarlyStop() {
    }

    /**
     * The time after which a sequential write of {@code bytes} can no longer reach a minimum throughput: at
     * that point even the rest written in no time would leave it below. Empty when the threshold is not a
     * minimum throughput.
     */
    static Optional<Duration> sequentialWriteDecidedAfter(long bytes, Threshold throughput) {
        if (throughput.unit() != Unit.MEBIBYTES_PER_SECOND || throughput.value() <= 0
                || (throughput.comparison() != Comparison.AT_LEAST && throughput.comparison() != Comparison.GREATER_THAN)) {
            return Optional.empty();
        }
        double seconds = bytes / (double) (1L << 20) / throughput.value();
        return Optional.of(Duration.ofNanos((long) Math.ceil(seconds * 1e9)));
    }

    /**
     * How many of {@code count} samples must exceed a maximum for the {@code percentile} of all of them to
     * exceed it, whatever the other samples are: the percentile is the {@code ceil(p/100 * count)}-th
     * smallest sample (as HdrHistogram reports it), so it exceeds the maximum as soon as
     * {@code count - ceil(p/100 * count) + 1} samples do. 6 for the p99 of 500.
     */
    static int slowSamplesDecidingPercentile(int count, double percentile) {
        long rank = Math.max(1, (long) Math.ceil(percentile / 100d * count - 1e-9));
        return (int) (count - rank + 1);
    }

    /**
     * The slow-sample rule for a latency percentile threshold of at most a value: how many samples above
     * it decide the percentile. Empty when the threshold is not a maximum.
     */
    static OptionalInt slowSamplesDeciding(int count, double percentile, Threshold latency) {
        if (latency.comparison() != Comparison.AT_MOST || latency.unit().kind() != Unit.Kind.DURATION) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(slowSamplesDecidingPercentile(count, percentile));
    }
}
