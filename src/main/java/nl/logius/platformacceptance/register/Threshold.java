package nl.logius.platformacceptance.register;

import java.time.Duration;
import java.util.Locale;

/**
 * One named, unit-carrying limit of a knelpunt's criterion, e.g. {@code availability >= 99 %}.
 * Checks never hold such numbers themselves: they ask the criterion for the threshold by name.
 *
 * @param name        the name a check uses, e.g. {@code recovery-time}
 * @param value       the limit, in {@code unit}
 * @param unit        the unit of {@code value}
 * @param comparison  how a measurement must relate to the value
 * @param description what the threshold limits, in words (may be empty)
 */
public record Threshold(String name, double value, Unit unit, Comparison comparison, String description) {

    public boolean isMetBy(double measured) {
        return comparison.holds(measured, value);
    }

    public Duration asDuration() {
        return unit.toDuration(value);
    }

    public Threshold withValue(double newValue) {
        return new Threshold(name, newValue, unit, comparison, description);
    }

    /** {@code availability >= 99 %}. */
    public String describe() {
        return name + " " + comparison.symbol() + " " + format(value, unit);
    }

    /** A value with its unit, without needless decimals: {@code 99 %}, {@code 74.2 s}, {@code 0.35 ms}. */
    public static String format(double value, Unit unit) {
        return formatNumber(value) + " " + unit.symbol();
    }

    public static String formatNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        String text = String.format(Locale.ROOT, pattern, value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }
}
