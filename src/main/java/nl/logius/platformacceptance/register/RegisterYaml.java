package nl.logius.platformacceptance.register;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import nl.logius.platformacceptance.input.Located;
import nl.logius.platformacceptance.input.Required;

/** The shape of {@code suites/knelpunten.yaml}, as read by {@link nl.logius.platformacceptance.input.StrictYaml}. */
record RegisterYaml(@Required Located<List<Located<KnelpuntYaml>>> knelpunten) {

    record KnelpuntYaml(
            @Required @JsonPropertyDescription("an id like KP-NET-01") Located<String> id,
            @Required @JsonPropertyDescription("the area: networking, storage, deployment, failover or a new one")
            Located<String> area,
            @Required @JsonPropertyDescription("a one-line title") Located<String> title,
            @Required @JsonPropertyDescription("a description of what goes wrong") Located<String> description,
            @JsonPropertyDescription("a list of the services whose migration it blocks, e.g. [DigiD, FBS]")
            Located<List<Located<String>>> blocks,
            @Required @JsonPropertyDescription("the impact on the services it blocks: one of " + IMPACTS)
            Located<String> impact,
            @Required @JsonPropertyDescription("the acceptance criterion in words") Located<String> criterion,
            Located<List<Located<ParameterYaml>>> parameters,
            @Required Located<List<Located<ThresholdYaml>>> thresholds) {
    }

    record ParameterYaml(
            @Required @JsonPropertyDescription("a kebab-case name like request-rate") Located<String> name,
            Located<Double> value,
            Located<List<Located<Double>>> values,
            @Required @JsonPropertyDescription("one of the units " + UNITS) Located<String> unit,
            Located<String> description) {
    }

    record ThresholdYaml(
            @Required @JsonPropertyDescription("a kebab-case name like recovery-time") Located<String> name,
            @Required @JsonPropertyDescription("one of the comparators " + COMPARATORS) Located<String> comparator,
            @Required Located<Double> value,
            @Required @JsonPropertyDescription("one of the units " + UNITS) Located<String> unit,
            Located<String> description) {
    }

    /** Annotation values must be constants, so the symbols are spelt out here; a test keeps them in step. */
    static final String UNITS = "ms, s, d, %, count, B, KiB, MiB, GiB, MiB/s, req/s";
    static final String COMPARATORS = "<=, >=, ==, <, >";
    static final String IMPACTS = "blocker, critical, major";
}
