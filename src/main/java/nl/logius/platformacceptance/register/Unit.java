package nl.logius.platformacceptance.register;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The units a threshold may carry. A register entry names its unit by {@link #symbol()}; anything else is
 * bad input. Durations convert to {@link Duration} so that waits can use a threshold as their deadline.
 */
public enum Unit {
    MILLISECONDS("ms", Kind.DURATION),
    SECONDS("s", Kind.DURATION),
    DAYS("d", Kind.DURATION),
    PERCENT("%", Kind.RATIO),
    COUNT("count", Kind.COUNT),
    BYTES("B", Kind.SIZE),
    KIBIBYTES("KiB", Kind.SIZE),
    MEBIBYTES("MiB", Kind.SIZE),
    GIBIBYTES("GiB", Kind.SIZE),
    MEBIBYTES_PER_SECOND("MiB/s", Kind.THROUGHPUT),
    REQUESTS_PER_SECOND("req/s", Kind.RATE);

    public enum Kind { DURATION, RATIO, COUNT, SIZE, THROUGHPUT, RATE }

    private final String symbol;
    private final Kind kind;

    Unit(String symbol, Kind kind) {
        this.symbol = symbol;
        this.kind = kind;
    }

    public String symbol() {
        return symbol;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<Unit> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(unit -> unit.symbol.equals(symbol)).findFirst();
    }

    public static String knownSymbols() {
        return String.join(", ", Arrays.stream(values()).map(Unit::symbol).toList());
    }

    /**
     * Why {@code value} cannot be a value in this unit, or empty if it can. No unit here has negative values,
     * a percentage ends at 100 and a count is whole: {@code -5 ms is negative; expected a duration of 0 ms or more}.
     */
    public Optional<String> problemWith(double value) {
        String written = Threshold.format(value, this);
        if (!Double.isFinite(value)) {
            return Optional.of(value + " is not a finite number (too large, or not a number); expected " + noun()
                    + (kind == Kind.COUNT ? "" : " in " + symbol) + " such as " + (kind == Kind.COUNT ? "5" : "50 " + symbol));
        }
        if (value < 0) {
            String zero = kind == Kind.COUNT ? "0" : "0 " + symbol;
            return Optional.of(written + " is negative; expected " + noun() + " of " + zero + " or more");
        }
        if (this == PERCENT && value > 100) {
            return Optional.of(written + " is above 100 %; expected a percentage from 0 to 100");
        }
        if (kind == Kind.COUNT && value != Math.rint(value)) {
            return Optional.of(written + " is not a whole number; expected a whole count");
        }
        return Optional.empty();
    }

    private String noun() {
        return switch (kind) {
            case DURATION -> "a duration";
            case RATIO -> "a percentage";
            case COUNT -> "a count";
            case SIZE -> "a size";
            case THROUGHPUT -> "a throughput";
            case RATE -> "a rate";
        };
    }

    /** A value in this unit as a duration; only for {@link Kind#DURATION} units. */
    public Duration toDuration(double value) {
        return switch (this) {
            case MILLISECONDS -> Duration.ofNanos(Math.round(value * 1_000_000d));
            case SECONDS -> Duration.ofNanos(Math.round(value * 1_000_000_000d));
            case DAYS -> Duration.ofSeconds(Math.round(value * 86_400d));
            default -> throw new IllegalStateException(symbol + " is not a unit of time");
        };
    }

    /** A duration expressed in this unit; only for {@link Kind#DURATION} units. */
    public double fromDuration(Duration duration) {
        double nanos = duration.toNanos();
        return switch (this) {
            case MILLISECONDS -> nanos / 1_000_000d;
            case SECONDS -> nanos / 1_000_000_000d;
            case DAYS -> duration.toSeconds() / 86_400d;
            default -> throw new IllegalStateException(symbol + " is not a unit of time");
        };
    }

    @Override
    public String toString() {
        return symbol;
    }
}
