package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.register.Comparison;
import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.register.Unit;

/**
 * One measured value compared with one threshold of a knelpunt's criterion, or an observation: a value the
 * evidence needs (the RTO, a time of day) that no threshold judges ({@code comparison} null, always passed).
 *
 * @param knelpunt   the knelpunt id
 * @param name       the threshold's name
 * @param value      what was measured, in {@code unit}
 * @param unit       the threshold's unit
 * @param threshold  the threshold's value
 * @param comparison how value must relate to threshold
 * @param passed     whether it did
 * @param detail     context for people, e.g. {@code 612 requests, 19 failed} (may be empty)
 */
public record Measurement(String knelpunt, String name, double value, Unit unit, double threshold,
                          Comparison comparison, boolean passed, String detail) {

    public static Measurement observation(String knelpunt, String name, double value, Unit unit, String detail) {
        return new Measurement(knelpunt, name, value, unit, Double.NaN, null, true, detail);
    }

    public boolean isObservation() {
        return comparison == null;
    }

    /** {@code KP-FO-01 availability 96.8 % < 99 % (612 requests, 19 failed)}. */
    public String failureMessage() {
        return knelpunt + " " + name + " " + Threshold.format(value, unit) + " " + comparison.negatedSymbol() + " "
                + Threshold.format(threshold, unit) + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    /** {@code availability 99.8 % (criterion >= 99 %)}, or {@code rto 1.2 s (observed)}. */
    public String describe() {
        if (isObservation()) {
            return name + " " + Threshold.format(value, unit) + " (observed)" + (detail.isEmpty() ? "" : ": " + detail);
        }
        return name + " " + Threshold.format(value, unit) + " (criterion " + comparison.symbol() + " "
                + Threshold.format(threshold, unit) + ")" + (detail.isEmpty() ? "" : ": " + detail);
    }
}
