package nl.logius.platformacceptance.check;

import io.qameta.allure.Allure;
import io.qameta.allure.model.Status;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Parameter;
import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.register.Unit;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A knelpunt's acceptance criterion as a check uses it: it hands out the criterion's parameters and
 * thresholds by name (a check holds no such numbers itself) and compares measurements with thresholds.
 *
 * <p>{@link #check} records every measurement, passed or not, in the run's record and as an Allure step,
 * and does not stop the check: all measurements are recorded even when an earlier one fails. When the
 * check ends with a failed measurement, it fails with a message naming each one:
 * {@code KP-FO-01 availability 96.8 % < 99 % (612 requests, 19 failed)}.
 */
public final class Criterion {

    private final Knelpunt knelpunt;
    private final CheckRecord record;

    public Criterion(Knelpunt knelpunt, CheckRecord record) {
        this.knelpunt = knelpunt;
        this.record = record;
    }

    public Knelpunt knelpunt() {
        return knelpunt;
    }

    public String knelpuntId() {
        return knelpunt.id();
    }

    /** The single value of a parameter, in its unit. */
    public double value(String parameter) {
        return parameter(parameter).value();
    }

    /** The single value of a count parameter, e.g. {@code lookups}. */
    public int count(String parameter) {
        return (int) Math.round(value(parameter));
    }

    public List<Double> values(String parameter) {
        return parameter(parameter).values();
    }

    /** A parameter of a size unit in bytes; each of its values when it has several. */
    public List<Long> bytes(String parameter) {
        Parameter p = parameter(parameter);
        long factor = switch (p.unit()) {
            case BYTES -> 1L;
            case KIBIBYTES -> 1L << 10;
            case MEBIBYTES -> 1L << 20;
            case GIBIBYTES -> 1L << 30;
            default -> throw new IllegalStateException(knelpunt.id() + " parameter " + parameter + " is in "
                    + p.unit() + ", not a size");
        };
        return p.values().stream().map(v -> Math.round(v * factor)).toList();
    }

    /** A parameter or threshold of a time unit as a duration, e.g. the deadline {@code recovery-time}. */
    public Duration duration(String name) {
        return knelpunt.parameter(name).map(p -> p.unit().toDuration(p.value()))
                .orElseGet(() -> threshold(name).asDuration());
    }

    public Threshold threshold(String name) {
        return knelpunt.threshold(name).orElseThrow(() -> new IllegalStateException(knelpunt.id()
                + " has no threshold '" + name + "'; it has: " + names(knelpunt.thresholds().stream().map(Threshold::name).toList())));
    }

    /** Compares a measured value (in the threshold's unit) with the threshold, and records it. */
    public boolean check(String threshold, double measured) {
        return check(threshold, measured, "");
    }

    public boolean check(String threshold, double measured, String detail) {
        Threshold limit = threshold(threshold);
        Measurement measurement = new Measurement(knelpunt.id(), limit.name(), measured, limit.unit(), limit.value(),
                limit.comparison(), limit.isMetBy(measured), detail == null ? "" : detail);
        record.add(measurement);
        Allure.step(measurement.describe(), measurement.passed() ? Status.PASSED : Status.FAILED);
        return measurement.passed();
    }

    /** Compares a measured duration with a threshold of a time unit. */
    public boolean check(String threshold, Duration measured, String detail) {
        Unit unit = threshold(threshold).unit();
        if (unit.kind() != Unit.Kind.DURATION) {
            throw new IllegalStateException(knelpunt.id() + " threshold " + threshold + " is in " + unit + ", not a time");
        }
        return check(threshold, unit.fromDuration(measured), detail);
    }

    public boolean check(String threshold, Duration measured) {
        return check(threshold, measured, "");
    }

    /**
     * Records a value the evidence needs but no threshold judges (the RTO of a disruption, say): it appears
     * with the measurements in verdicts.json and the report, marked observed, and never fails the check.
     */
    public void observe(String name, Duration value, String detail) {
        observe(name, Unit.SECONDS.fromDuration(value), Unit.SECONDS, detail);
    }

    public void observe(String name, double value, Unit unit, String detail) {
        Measurement observation = Measurement.observation(knelpunt.id(), name, value, unit, detail == null ? "" : detail);
        record.add(observation);
        Allure.step(observation.describe(), Status.PASSED);
    }

    private Parameter parameter(String name) {
        return knelpunt.parameter(name).orElseThrow(() -> new IllegalStateException(knelpunt.id()
                + " has no parameter '" + name + "'; it has: " + names(knelpunt.parameters().stream().map(Parameter::name).toList())));
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : names.stream().collect(Collectors.joining(", "));
    }
}
