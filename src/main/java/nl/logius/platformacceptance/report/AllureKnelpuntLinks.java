package nl.logius.platformacceptance.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import nl.logius.platformacceptance.json.Mappers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each knelpunt is in a generated Allure report, so that the overview's links land on it: Allure gives its
 * groups and tests new ids every time it generates a report, so they are read from the report itself (the
 * single-file {@code index.html} embeds its data) and kept beside it in {@value #FILE}:
 * {@code {"KP-FO-02": "behaviors/<knelpunt group>/<its first check>"}}, a fragment of {@code index.html}.
 */
public final class AllureKnelpuntLinks {

    /** The file beside the report's index.html. */
    public static final String FILE = "knelpunt-links.json";
    private static final Pattern BEHAVIORS = Pattern.compile("d\\('data/behaviors\\.json','([A-Za-z0-9+/=]+)'\\)");

    private AllureKnelpuntLinks() {
    }

    /**
     * Reads the behaviors tree of the report at {@code index} and writes {@value #FILE} beside it (once).
     *
     * @return the links, empty when the report does not embed its behaviors (then the overview links elsewhere)
     */
    public static Map<String, String> write(Path index) throws IOException {
        Map<String, String> links = new TreeMap<>();
        Matcher matcher = BEHAVIORS.matcher(Files.readString(index, StandardCharsets.UTF_8));
        if (matcher.find()) {
            JsonNode behaviors = Mappers.JSON.readTree(Base64.getDecoder().decode(matcher.group(1)));
            collect(behaviors, links);
        }
        Files.write(index.resolveSibling(FILE), Mappers.JSON.writeValueAsBytes(links), StandardOpenOption.CREATE_NEW);
        return links;
    }

    /** The links of a report folder, when it has them (older runs do not). */
    public static Optional<Map<String, String>> read(Path reportFolder) {
        Path file = reportFolder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Mappers.JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() {
            }));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every group named {@code KP-... · title} (a feature: a knelpunt) with a test in it. */
    private static void collect(JsonNode group, Map<String, String> links) {
        for (JsonNode child : group.path("children")) {
            if (!child.has("children")) {
                continue; // a test, not a group
            }
            String name = child.path("name").asText();
            int separator = name.indexOf(AllureCheckResults.SEPARATOR);
            JsonNode firstTest = firstTest(child);
            if (separator > 0 && firstTest != null) {
                links.putIfAbsent(name.substring(0, separator), "behaviors/" + child.path("uid").asText() + "/" + firstTest.path("uid").asText());
            }
            collect(child, links);
        }
    }

    private static JsonNode firstTest(JsonNode group) {
        for (JsonNode child : group.path("children")) {
            if (!child.has("children")) {
                return child;
            }
        }
        return null;
    }
}
