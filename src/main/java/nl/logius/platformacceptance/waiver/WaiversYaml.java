package nl.logius.platformacceptance.waiver;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import nl.logius.platformacceptance.input.Located;
import nl.logius.platformacceptance.input.Required;

/** The shape of {@code suites/waivers.yaml}, as read by {@link nl.logius.platformacceptance.input.StrictYaml}. */
record WaiversYaml(
        @Required @JsonPropertyDescription("a list of waiver mappings, or [] for none")
        Located<List<Located<WaiverYaml>>> waivers) {

    static final String EXPIRES = "a date like 2026-12-31: the last day (UTC) the waiver counts";

    // expires is read as text and parsed here: Jackson's date reader also takes numbers and date-times.
    record WaiverYaml(
            @Required @JsonPropertyDescription("the id of a knelpunt of the register, e.g. KP-NET-02") Located<String> knelpunt,
            @Required @JsonPropertyDescription("why the knelpunt may stay failing for now, in words") Located<String> reason,
            @Required @JsonPropertyDescription("who approved the waiver (a name or role)") Located<String> approver,
            @Required @JsonPropertyDescription(EXPIRES) Located<String> expires,
            @JsonPropertyDescription("a release label in quotes like '2026.11': the only release the waiver counts for")
            Located<String> release) {
    }
}
