package nl.logius.platformacceptance.register;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import nl.logius.platformacceptance.input.Located;
import nl.logius.platformacceptance.input.StrictYaml;
import nl.logius.platformacceptance.register.RegisterYaml.KnelpuntYaml;
import nl.logius.platformacceptance.register.RegisterYaml.ParameterYaml;
import nl.logius.platformacceptance.register.RegisterYaml.ThresholdYaml;

/**
 * Reads the register ({@code suites/knelpunten.yaml}) strictly: any problem is a {@link BadInputException} at
 * its {@code file:line:column}. Beyond the YAML shape ({@link RegisterYaml}) it checks that
 * <ul>
 *   <li>ids match {@link Knelpunt#ID_PATTERN} and occur once;</li>
 *   <li>the id's area code matches the area: NET networking, STO storage, DEP deployment, FO failover. A new
 *       area may bring a new code, as long as the register pairs them consistently: one area per code and one
 *       code per area, and no new code for a known area or new area for a known code;</li>
 *   <li>every knelpunt has at least one threshold;</li>
 *   <li>parameter and threshold names are kebab-case and unique within their knelpunt (together, so that a
 *       check asking its criterion for a name gets one answer);</li>
 *   <li>units and comparators are known; values suit their unit (none negative, a percentage at most 100, a
 *       count whole);</li>
 *   <li>a parameter has either {@code value} or a non-empty {@code values}, not both;</li>
 *   <li>{@code impact} is one of {@link Impact}; the services in {@code blocks} are names without blanks, each
 *       once per knelpunt, and spelt one way throughout the register ({@code Digid} beside {@code DigiD} would
 *       quietly make a fifth service whose readiness nobody asks for).</li>
 * </ul>
 */
public final class RegisterLoader {

    /** Where the register lives in the project, and under which name it is embedded in the jar. */
    public static final Path DEFAULT_FILE = Path.of("suites/knelpunten.yaml");

    static final Map<String, String> AREA_CODES = Map.of(
            "NET", "networking", "STO", "storage", "DEP", "deployment", "FO", "failover");

    private static final Pattern AREA_PATTERN = Pattern.compile("[a-z]+(-[a-z]+)*");
    private static final Pattern NAME_PATTERN = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern SERVICE_PATTERN = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,39}");

    private final Map<String, Located<String>> firstIds = new HashMap<>();
    private final Map<String, Located<String>> areaByCode = new HashMap<>();
    private final Map<String, Located<String>> idByArea = new HashMap<>();
    private final Map<String, Located<String>> serviceBySpelling = new HashMap<>();

    private RegisterLoader() {
    }

    public static Register load(Path file) {
        return new Register(file, new RegisterLoader().knelpunten(StrictYaml.read(file, RegisterYaml.class)));
    }

    /**
     * {@code suites/knelpunten.yaml} of the working folder if it is there, else the copy embedded in the jar
     * (whose {@link Register#source()} is then {@code classpath:suites/knelpunten.yaml}).
     */
    public static Register loadDefault() {
        return Files.isRegularFile(DEFAULT_FILE) ? load(DEFAULT_FILE) : loadEmbedded();
    }

    static Register loadEmbedded() {
        String resource = DEFAULT_FILE.toString();
        return new Register(StrictYaml.resourceSource(resource),
                new RegisterLoader().knelpunten(StrictYaml.readResource(resource, RegisterYaml.class)));
    }

    private List<Knelpunt> knelpunten(RegisterYaml yaml) {
        Located<List<Located<KnelpuntYaml>>> entries = yaml.knelpunten();
        if (entries.value().isEmpty()) {
            throw entries.problem("the register lists no knelpunten; expected at least one knelpunt");
        }
        return entries.value().stream().map(entry -> knelpunt(entry.value())).toList();
    }

    private Knelpunt knelpunt(KnelpuntYaml yaml) {
        Located<String> id = yaml.id();
        if (!Knelpunt.ID_PATTERN.matcher(id.value()).matches()) {
            throw id.problem("malformed id '" + id.value() + "'; expected KP-<AREA>-<nn>: an area code of 2 to 5 "
                    + "capitals and a 2-digit number, e.g. KP-NET-01");
        }
        Located<String> first = firstIds.putIfAbsent(id.value(), id);
        if (first != null) {
            throw id.problem("duplicate id '" + id.value() + "' (first at " + first.position()
                    + "); expected each knelpunt id once");
        }
        checkArea(id, yaml.area());
        Map<String, Located<String>> names = new HashMap<>();
        List<Parameter> parameters = new ArrayList<>();
        if (yaml.parameters() != null) {
            yaml.parameters().value().forEach(p -> parameters.add(parameter(p, names, id.value())));
        }
        if (yaml.thresholds().value().isEmpty()) {
            throw yaml.thresholds().problem("knelpunt " + id.value() + " has no thresholds; expected at least one "
                    + "threshold, since a criterion without one cannot be checked");
        }
        List<Threshold> thresholds = yaml.thresholds().value().stream()
                .map(t -> threshold(t.value(), names, id.value())).toList();
        checkCriterionText(yaml.criterion(), names.keySet(), thresholds, id.value());
        Impact impact = Impact.byId(yaml.impact().value()).orElseThrow(() -> yaml.impact().problem("unknown impact '"
                + yaml.impact().value() + "'; expected one of " + Impact.knownIds()));
        return new Knelpunt(id.value(), yaml.area().value(), yaml.title().value().strip(),
                yaml.description().value().strip(), services(yaml.blocks(), id.value()), impact,
                yaml.criterion().value().strip(), parameters, thresholds);
    }

    /**
     * The criterion's numbers are placeholders of the knelpunt's own data, so that its words can never state
     * another number than the one a check compares with: each placeholder names a parameter or threshold,
     * and each threshold appears.
     */
    private static void checkCriterionText(Located<String> criterion, java.util.Set<String> names, List<Threshold> thresholds,
                                           String id) {
        List<String> used = CriterionText.placeholders(criterion.value());
        for (String name : used) {
            if (!names.contains(name)) {
                throw criterion.problem("criterion of " + id + " refers to {" + name + "}, which is no parameter or threshold of it;"
                        + " expected one of " + new java.util.TreeSet<>(names));
            }
        }
        for (Threshold threshold : thresholds) {
            if (!used.contains(threshold.name())) {
                throw criterion.problem("criterion of " + id + " does not state threshold " + threshold.name() + "; expected {"
                        + threshold.name() + "} in its words, so that they show the value in force");
            }
        }
    }

    private List<String> services(Located<List<Located<String>>> blocks, String id) {
        if (blocks == null) {
            return List.of();
        }
        Map<String, Located<String>> inThisKnelpunt = new HashMap<>();
        List<String> services = new ArrayList<>();
        for (Located<String> service : blocks.value()) {
            if (!SERVICE_PATTERN.matcher(service.value()).matches()) {
                throw service.problem("malformed service name '" + service.value() + "'; expected a letter, then letters,"
                        + " digits, '.', '_' or '-' (at most 40 in all), such as DigiD");
            }
            Located<String> first = inThisKnelpunt.putIfAbsent(service.value(), service);
            if (first != null) {
                throw service.problem("service '" + service.value() + "' named twice in " + id + " (first at "
                        + first.position() + "); expected each service once per knelpunt");
            }
            Located<String> spelling = serviceBySpelling.putIfAbsent(service.value().toLowerCase(Locale.ROOT), service);
            if (spelling != null && !spelling.value().equals(service.value())) {
                throw service.problem("service '" + service.value() + "' is spelt '" + spelling.value() + "' at "
                        + spelling.position() + "; expected one spelling of each service throughout the register");
            }
            services.add(service.value());
        }
        return services;
    }

    private void checkArea(Located<String> id, Located<String> area) {
        if (!AREA_PATTERN.matcher(area.value()).matches()) {
            throw area.problem("malformed area '" + area.value() + "'; expected a lower-case word like networking");
        }
        String code = id.value().split("-")[1];
        String knownArea = AREA_CODES.get(code);
        String knownCode = AREA_CODES.entrySet().stream().filter(e -> e.getValue().equals(area.value()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (knownArea != null && !knownArea.equals(area.value())) {
            throw area.problem("area '" + area.value() + "' does not match id " + id.value() + "; expected "
                    + knownArea + " (" + code + " is " + knownArea + ")");
        }
        if (knownCode != null && !knownCode.equals(code)) {
            throw id.problem("id " + id.value() + " does not match area " + area.value() + "; expected KP-"
                    + knownCode + "-nn (" + area.value() + " is " + knownCode + ")");
        }
        Located<String> areaOfCode = areaByCode.putIfAbsent(code, area);
        if (areaOfCode != null && !areaOfCode.value().equals(area.value())) {
            throw area.problem("area '" + area.value() + "' does not match id " + id.value() + ": code " + code
                    + " already stands for area '" + areaOfCode.value() + "' (at " + areaOfCode.position()
                    + "); expected one area per code");
        }
        Located<String> idOfArea = idByArea.putIfAbsent(area.value(), id);
        String codeOfArea = idOfArea == null ? code : idOfArea.value().split("-")[1];
        if (!codeOfArea.equals(code)) {
            throw id.problem("id " + id.value() + " does not match area " + area.value() + ": " + idOfArea.value()
                    + " (at " + idOfArea.position() + ") gives it the code " + codeOfArea
                    + "; expected one code per area");
        }
    }

    private Parameter parameter(Located<ParameterYaml> located, Map<String, Located<String>> names, String id) {
        ParameterYaml yaml = located.value();
        String name = name(yaml.name(), names, id);
        Unit unit = unit(yaml.unit());
        List<Located<Double>> values;
        if (yaml.value() != null && yaml.values() != null) {
            throw yaml.values().problem("parameter '" + name + "' has both value and values; expected exactly one");
        } else if (yaml.value() != null) {
            values = List.of(yaml.value());
        } else if (yaml.values() == null) {
            throw located.problem("parameter '" + name + "' has neither value nor values; expected value: <number>"
                    + " or values: [<number>, ...]");
        } else if (yaml.values().value().isEmpty()) {
            throw yaml.values().problem("parameter '" + name + "' has no values; expected at least one number");
        } else {
            values = yaml.values().value();
        }
        values.forEach(value -> checkRange(value, unit));
        return new Parameter(name, values.stream().map(Located::value).toList(), unit, text(yaml.description()));
    }

    private Threshold threshold(ThresholdYaml yaml, Map<String, Located<String>> names, String id) {
        String name = name(yaml.name(), names, id);
        Comparison comparison = Comparison.bySymbol(yaml.comparator().value()).orElseThrow(() -> yaml.comparator()
                .problem("unknown comparator '" + yaml.comparator().value() + "'; expected one of "
                        + Comparison.knownSymbols()));
        Unit unit = unit(yaml.unit());
        checkRange(yaml.value(), unit);
        return new Threshold(name, yaml.value().value(), unit, comparison, text(yaml.description()));
    }

    private static String name(Located<String> name, Map<String, Located<String>> names, String id) {
        if (!NAME_PATTERN.matcher(name.value()).matches()) {
            throw name.problem("name '" + name.value() + "' is not kebab-case; expected lower-case words and digits"
                    + " joined by '-', e.g. lookup-time-p99");
        }
        Located<String> first = names.putIfAbsent(name.value(), name);
        if (first != null) {
            throw name.problem("duplicate name '" + name.value() + "' in " + id + " (first at " + first.position()
                    + "); expected each parameter and threshold name once per knelpunt");
        }
        return name.value();
    }

    private static Unit unit(Located<String> unit) {
        return Unit.bySymbol(unit.value()).orElseThrow(() -> unit.problem("unknown unit '" + unit.value()
                + "'; expected one of " + Unit.knownSymbols()));
    }

    static void checkRange(Located<Double> value, Unit unit) {
        unit.problemWith(value.value()).ifPresent(problem -> {
            throw value.problem(problem);
        });
    }

    private static String text(Located<String> optional) {
        return optional == null ? "" : optional.value().strip();
    }
}
