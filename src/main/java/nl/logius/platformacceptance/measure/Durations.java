package nl.logius.platformacceptance.measure;

import nl.logius.platformacceptance.register.Threshold;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one way the harness writes a duration for people: seconds, without needless decimals, as thresholds
 * are written ({@code 0.35 s}, {@code 12.4 s}, {@code 60 s}).
 */
public final class Durations {

    private Durations() {
    }

    /** {@code 1.23 s}. */
    public static String seconds(Duration duration) {
        return Threshold.formatNumber(duration.toMillis() / 1000d) + " s";
    }

    /** From one instant to another: {@code 1.23 s}. */
    public static String seconds(Instant from, Instant to) {
        return seconds(Duration.between(from, to));
    }

    /** {@code [1.2 s, 0.8 s]}. */
    public static String seconds(List<Duration> durations) {
        return durations.stream().map(Durations::seconds).toList().toString();
    }

    /** What is left of {@code duration} counted from {@code start}; zero when it is over. */
    public static Duration remaining(Instant start, Duration duration) {
        Duration left = duration.minus(Duration.between(start, Instant.now()));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
