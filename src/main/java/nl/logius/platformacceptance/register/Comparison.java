package nl.logius.platformacceptance.register;

import java.util.Arrays;
import java.util.Optional;

/** How a measured value must relate to its threshold: {@code measured <op> threshold}. */
public enum Comparison {
    AT_MOST("<="),
    AT_LEAST(">="),
    EQUAL("=="),
    LESS_THAN("<"),
    GREATER_THAN(">");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** The symbol that states the violation, as used in failure messages: {@code 96.8 % < 99 %}. */
    public String negatedSymbol() {
        return switch (this) {
            case AT_MOST -> ">";
            case AT_LEAST -> "<";
            case EQUAL -> "!=";
            case LESS_THAN -> ">=";
            case GREATER_THAN -> "<=";
        };
    }

    public boolean holds(double measured, double threshold) {
        return switch (this) {
            case AT_MOST -> measured <= threshold;
            case AT_LEAST -> measured >= threshold;
            case EQUAL -> measured == threshold;
            case LESS_THAN -> measured < threshold;
            case GREATER_THAN -> measured > threshold;
        };
    }

    public static Optional<Comparison> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
    }

    public static String knownSymbols() {
        return String.join(", ", Arrays.stream(values()).map(Comparison::symbol).toList());
    }

    @Override
    public String toString() {
        return symbol;
    }
}
