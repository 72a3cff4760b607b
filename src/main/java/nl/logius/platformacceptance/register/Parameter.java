package nl.logius.platformacceptance.register;

import java.util.List;

/**
 * A named, unit-carrying quantity that shapes how a criterion is measured (how many look-ups, which
 * request rate, which payload sizes). Like thresholds, parameters are data of the register: a check never
 * holds such numbers itself.
 *
 * @param name        the name a check uses, e.g. {@code request-rate}
 * @param values      one value, or several (payload sizes); never empty
 * @param unit        the unit of the values
 * @param description what it shapes, in words (may be empty)
 */
public record Parameter(String name, List<Double> values, Unit unit, String description) {

    public Parameter {
        values = List.copyOf(values);
    }

    /** The single value; a parameter with several values is read with {@link #values()}. */
    public double value() {
        if (values.size() != 1) {
            throw new IllegalStateException("parameter " + name + " has " + values.size() + " values, not one");
        }
        return values.get(0);
    }

    public Parameter withValues(List<Double> newValues) {
        return new Parameter(name, newValues, unit, description);
    }
}
