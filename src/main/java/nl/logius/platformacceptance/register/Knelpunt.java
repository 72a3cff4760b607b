package nl.logius.platformacceptance.register;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A known blocker of the platform, as listed in the register ({@code suites/knelpunten.yaml}).
 *
 * @param id          {@code KP-<AREA>-<nn>}, e.g. {@code KP-FO-01}
 * @param area        networking, storage, deployment, failover, ...
 * @param title       one line
 * @param description what goes wrong, in words
 * @param blocks      the services whose migration it blocks
 * @param impact      how badly it hurts them (the Allure severity of its checks)
 * @param criterion   the acceptance criterion in words, as the register writes it: its numbers are placeholders
 *                    of its thresholds and parameters ({@code >= {availability}}); {@link #criterionInForce()}
 *                    reads it with the values in force
 * @param parameters  how the criterion is measured (counts, rates, sizes), as data
 * @param thresholds  the criterion's named limits, as data, with a target's overrides applied
 * @param registerDefaults the register's own value of each threshold a target overrides, by name
 */
public record Knelpunt(String id, String area, String title, String description, List<String> blocks, Impact impact,
                       String criterion, List<Parameter> parameters, List<Threshold> thresholds,
                       Map<String, Double> registerDefaults) {

    public Knelpunt(String id, String area, String title, String description, List<String> blocks, Impact impact,
                    String criterion, List<Parameter> parameters, List<Threshold> thresholds) {
        this(id, area, title, description, blocks, impact, criterion, parameters, thresholds, Map.of());
    }

    public static final Pattern ID_PATTERN = Pattern.compile("KP-[A-Z]{2,5}-[0-9]{2}");

    public Knelpunt {
        blocks = List.copyOf(blocks);
        parameters = List.copyOf(parameters);
        thresholds = List.copyOf(thresholds);
        registerDefaults = Map.copyOf(registerDefaults);
    }

    /**
     * The criterion with the values in force for the target, an overridden threshold marked with the register's
     * default: {@code sequential write >= 100 MiB/s (register default: 50 MiB/s)}.
     */
    public String criterionInForce() {
        return CriterionText.render(criterion, parameters, thresholds, registerDefaults);
    }

    /** Whether a target changed this threshold. */
    public Optional<Double> registerDefault(String threshold) {
        return Optional.ofNullable(registerDefaults.get(threshold));
    }

    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Threshold> threshold(String name) {
        return thresholds.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** This knelpunt with a target's threshold values (threshold name -> value); the register's values are kept as defaults. */
    public Knelpunt withOverrides(Map<String, Double> overrides) {
        Map<String, Double> defaults = new LinkedHashMap<>(registerDefaults);
        List<Threshold> newThresholds = thresholds.stream().map(t -> {
            Double value = overrides.get(t.name());
            if (value == null || value == t.value()) {
                return t;
            }
            defaults.putIfAbsent(t.name(), t.value());
            return t.withValue(value);
        }).toList();
        return new Knelpunt(id, area, title, description, blocks, impact, criterion, parameters, newThresholds, defaults);
    }
}
