package nl.logius.platformacceptance.measure;

import nl.logius.platformacceptance.register.Threshold;
import org.HdrHistogram.Histogram;

import java.util.Collection;

/**
 * Latency percentiles of a set of samples, from an HdrHistogram (3 significant digits, up to an hour).
 *
 * <pre>{@code
 * LatencyStats stats = LatencyStats.ofMicros(results.stream().map(RequestResult::micros).toList());
 * criterion.check("latency-p99", stats.p99Millis(), stats.summary());
 * }</pre>
 */
public final class LatencyStats {

    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final Histogram histogram;

    private LatencyStats(Histogram histogram) {
        this.histogram = histogram;
    }

    public static LatencyStats ofMicros(Collection<Long> micros) {
        Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
        micros.forEach(sample -> histogram.recordValue(Math.max(0, Math.min(sample, HIGHEST_MICROS))));
        return new LatencyStats(histogram);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public double percentileMillis(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000d;
    }

    public double p50Millis() {
        return percentileMillis(50);
    }

    public double p90Millis() {
        return percentileMillis(90);
    }

    public double p99Millis() {
        return percentileMillis(99);
    }

    public double maxMillis() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1_000d;
    }

    public double minMillis() {
        return count() == 0 ? Double.NaN : histogram.getMinValue() / 1_000d;
    }

    public double meanMillis() {
        return count() == 0 ? Double.NaN : histogram.getMean() / 1_000d;
    }

    /** {@code p50 1.2 ms, p90 2.1 ms, p99 4.8 ms, max 9.3 ms (1000 samples)}. */
    public String summary() {
        return "p50 " + ms(p50Millis()) + ", p90 " + ms(p90Millis()) + ", p99 " + ms(p99Millis()) + ", max "
                + ms(maxMillis()) + " (" + count() + " samples)";
    }

    Histogram histogram() {
        return histogram;
    }

    /** A picture of the distribution, with the percentiles marked and an optional threshold line. */
    public String chart(String title, Double thresholdMillis) {
        return Charts.latencyDistribution(title, this, thresholdMillis);
    }

    private static String ms(double millis) {
        return Threshold.formatNumber(millis) + " ms";
    }
}
