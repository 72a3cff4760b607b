package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.register.Comparison;
import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.register.Unit;

/**
 * One measured value compared with one threshold of a knelpunt's criterion.
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

    /** {@code KP-FO-01 availability 96.8 % < 99 % (612 requests, 19 failed)}. */
    public String failureMessage() {
        return knelpunt + " " + name + " " + Threshold.format(value, unit) + " " + comparison.negatedSymbol() + " "
                + Threshold.format(threshold, unit) + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    /** {@code availability 99.8 % (criterion >= 99 %)}. */
    public String describe() {
        return name + " " + Threshold.format(value, unit) + " (criterion " + comparison.symbol() + " "
                + Threshold.format(threshold, unit) + ")" + (detail.isEmpty() ? "" : ": " + detail);
    }
}
