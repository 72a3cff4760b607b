package nl.logius.platformacceptance.register;

import java.util.List;
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
 * @param criterion   the acceptance criterion in words
 * @param parameters  how the criterion is measured (counts, rates, sizes), as data
 * @param thresholds  the criterion's named limits, as data
 */
public record Knelpunt(String id, String area, String title, String description, List<String> blocks,
                       String criterion, List<Parameter> parameters, List<Threshold> thresholds) {

    public static final Pattern ID_PATTERN = Pattern.compile("KP-[A-Z]{2,5}-[0-9]{2}");

    public Knelpunt {
        blocks = List.copyOf(blocks);
        parameters = List.copyOf(parameters);
        thresholds = List.copyOf(thresholds);
    }

    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Threshold> threshold(String name) {
        return thresholds.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Knelpunt withThresholds(List<Threshold> newThresholds) {
        return new Knelpunt(id, area, title, description, blocks, criterion, parameters, newThresholds);
    }
}
