package nl.logius.platformacceptance.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import nl.logius.platformacceptance.json.Mappers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a sub-run of a calibration reported, read back from its {@code verdicts.json}: per knelpunt its
 * verdict, per check its status and message. Read as a tree so that fields added to the verdicts later do
 * not break calibration.
 */
final class RunOutcomes {

    static final String NOT_REPORTED = "not reported";

    record CheckResult(String status, String message) {
    }

    private final Map<String, String> verdicts = new LinkedHashMap<>();
    private final Map<String, CheckResult> checks = new LinkedHashMap<>();

    private RunOutcomes(JsonNode json) {
        if (json == null) {
            return;
        }
        for (JsonNode knelpunt : json.path("knelpunten")) {
            String id = knelpunt.path("id").asText();
            verdicts.put(id, knelpunt.path("verdict").asText());
            for (JsonNode check : knelpunt.path("checks")) {
                checks.put(id + "/" + check.path("id").asText(),
                        new CheckResult(check.path("status").asText(), check.path("message").asText("")));
            }
        }
    }

    /** The outcomes of the run folder, or none when it wrote no verdicts (it crashed or was killed). */
    static RunOutcomes read(Path runFolder) {
        if (runFolder == null || !Files.isRegularFile(runFolder.resolve("verdicts.json"))) {
            return new RunOutcomes(null);
        }
        try {
            return new RunOutcomes(Mappers.JSON.readTree(runFolder.resolve("verdicts.json").toFile()));
        } catch (IOException e) {
            return new RunOutcomes(null);
        }
    }

    /** The one run folder a child wrote under its {@code --out} folder: {@code <out>/<release>/<run-id>/}. */
    static Optional<Path> runFolderUnder(Path out) {
        if (!Files.isDirectory(out)) {
            return Optional.empty();
        }
        try (Stream<Path> candidates = Files.walk(out, 2)) {
            return candidates.filter(p -> out.relativize(p).getNameCount() == 2 && Files.isDirectory(p)).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    String verdict(String knelpuntId) {
        return verdicts.getOrDefault(knelpuntId, NOT_REPORTED);
    }

    CheckResult check(String knelpuntId, String checkId) {
        return checks.getOrDefault(knelpuntId + "/" + checkId, new CheckResult(NOT_REPORTED, ""));
    }
}
