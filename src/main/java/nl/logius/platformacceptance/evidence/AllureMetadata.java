package nl.logius.platformacceptance.evidence;

import nl.logius.platformacceptance.json.Mappers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files Allure reads from the results folder besides the results: {@code environment.properties} (the
 * run's provenance), {@code executor.json} (who ran it) and {@code categories.json} (failed criteria apart
 * from broken checks).
 */
public final class AllureMetadata {

    private AllureMetadata() {
    }

    public static void write(Path results, Map<String, String> environment, Map<String, Object> executor) {
        try {
            Files.createDirectories(results);
            String properties = environment.entrySet().stream()
                    .map(e -> escape(e.getKey()) + "=" + escape(e.getValue()))
                    .collect(Collectors.joining("\n", "", "\n"));
            Files.writeString(results.resolve("environment.properties"), properties);
            Mappers.JSON.writeValue(results.resolve("executor.json").toFile(), executor);
            Mappers.JSON.writeValue(results.resolve("categories.json").toFile(), categories());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Allure metadata into " + results, e);
        }
    }

    private static List<Map<String, Object>> categories() {
        return List.of(
                category("Criterion not met (knelpunt FAILING)", List.of("failed"), "KP-.*"),
                category("Check broken: could not measure (knelpunt INCONCLUSIVE)", List.of("broken"), ".*"),
                category("Not supported by the target (skipped)", List.of("skipped"), ".*"));
    }

    private static Map<String, Object> category(String name, List<String> statuses, String messageRegex) {
        Map<String, Object> category = new LinkedHashMap<>();
        category.put("name", name);
        category.put("matchedStatuses", statuses);
        category.put("messageRegex", "(?s)" + messageRegex);
        return category;
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\=").replace(":", "\\:");
    }
}
