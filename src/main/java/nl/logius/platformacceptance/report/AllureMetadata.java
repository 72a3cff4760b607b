package nl.logius.platformacceptance.report;

import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.verdict.Provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
            // written once, like all evidence: CREATE_NEW refuses to overwrite
            Files.writeString(results.resolve("environment.properties"), properties, StandardOpenOption.CREATE_NEW);
            Files.write(results.resolve("executor.json"), Mappers.JSON.writeValueAsBytes(executor), StandardOpenOption.CREATE_NEW);
            Files.write(results.resolve("categories.json"), Mappers.JSON.writeValueAsBytes(categories()), StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Allure metadata into " + results, e);
        }
    }

    /** The provenance entries of {@code environment.properties} beside the run's own. */
    public static Map<String, String> provenance(Provenance provenance) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("operator", provenance.operator().describe());
        Provenance.CiJob ci = provenance.operator().ci();
        entries.put("ci.job", ci == null ? "none (run by hand)" : ci.system() + " " + ci.job()
                + (ci.url() == null ? "" : " " + ci.url()) + (ci.pipeline() == null ? "" : " (pipeline " + ci.pipeline() + ")")
                + (ci.user() == null ? "" : ", started by " + ci.user()));
        entries.put("target.kind", provenance.target().kind());
        entries.put("target.profile.sha256", provenance.target().sha256() + copy(provenance.target().copy()));
        entries.put("register", provenance.register().path());
        entries.put("register.sha256", provenance.register().sha256() + copy(provenance.register().copy()));
        if (provenance.waivers() != null) {
            entries.put("waivers", provenance.waivers().sha256() == null ? provenance.waivers().note()
                    : provenance.waivers().path() + " sha256 " + provenance.waivers().sha256() + copy(provenance.waivers().copy()));
        }
        if (provenance.harness().build() != null) {
            entries.put("harness.build", provenance.harness().build().describe());
        }
        entries.put("probe.image", Provenance.ProbeImage.describe(provenance.probeImage()));
        entries.put("checks.selected", String.valueOf(provenance.checks().size()));
        entries.put("signing.key", provenance.signing().keyId() + " (" + provenance.signing().origin() + ")");
        entries.put("calibration", provenance.calibration().describe());
        return entries;
    }

    private static String copy(String copy) {
        return copy == null ? "" : " (copy: " + copy + ")";
    }

    private static List<Map<String, Object>> categories() {
        return List.of(
                category("Criterion not met (knelpunt FAILING)", List.of("failed"), "KP-.*"),
                category("Check broken: could not measure (knelpunt INCONCLUSIVE)", List.of("broken"), ".*"),
                category("Knelpunt NOT_COVERED in this run (no check ran for it)", List.of("skipped"),
                        AllureKnelpunten.NOT_COVERED_PREFIX + ".*"),
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
