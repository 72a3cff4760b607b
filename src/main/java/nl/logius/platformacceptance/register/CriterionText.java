package nl.logius.platformacceptance.register;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A criterion in words whose numbers are the register's data, not copies of it: the register writes
 * {@code sequential write >= {sequential-write-throughput}} and each placeholder names a threshold or
 * parameter of the knelpunt. Rendered, it reads with the values in force for the target, and a threshold a
 * target overrides shows the register's default beside it:
 * {@code sequential write >= 100 MiB/s (register default: 50 MiB/s)}.
 */
final class CriterionText {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9-]+)}");

    private CriterionText() {
    }

    /** The names the text refers to, in order of appearance. */
    static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static String render(String template, List<Parameter> parameters, List<Threshold> thresholds,
                         Map<String, Double> registerDefaults) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = threshold(thresholds, name).map(t -> quantity(List.of(t.value()), t.unit())
                            + Optional.ofNullable(registerDefaults.get(name))
                                    .map(d -> " (register default: " + quantity(List.of(d), t.unit()) + ")").orElse(""))
                    .or(() -> parameter(parameters, name).map(p -> quantity(p.values(), p.unit())))
                    .orElse(matcher.group());
            matcher.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(text);
        return text.toString();
    }

    /** {@code 50 MiB/s}, {@code 1, 64, 1024 KiB}; a count is a bare number: {@code 200}. */
    private static String quantity(List<Double> values, Unit unit) {
        String numbers = String.join(", ", values.stream().map(Threshold::formatNumber).toList());
        return unit == Unit.COUNT ? numbers : numbers + " " + unit.symbol();
    }

    private static Optional<Threshold> threshold(List<Threshold> thresholds, String name) {
        return thresholds.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static Optional<Parameter> parameter(List<Parameter> parameters, String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
