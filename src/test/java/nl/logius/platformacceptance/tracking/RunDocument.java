package nl.logius.platformacceptance.tracking;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.verdict.RunVerdicts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A synthetic {@code verdicts.json} for tests of compare, drift, the tracker and the overview: written as JSON,
 * as a run writes it, so that the tests read it back the way the harness does.
 *
 * <pre>{@code
 * RunDocument.run("2026.11", "20261101T100000Z-0001").knelpunt("KP-STO-02", "RESOLVED")
 *         .measurement("mismatches", 0, "count", "<=", 0).threshold("KP-STO-02", "mismatches", "<=", 0, "count")
 *         .writeTo(root);
 * }</pre>
 */
final class RunDocument {

    static final String CHECK = "DataIntegrityCheck.data_reads_back_exactly_as_written";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode root = JSON.objectNode();
    private final ArrayNode knelpunten;
    private final ObjectNode fingerprints;
    private ObjectNode lastKnelpunt;
    private ObjectNode lastCheck;

    private RunDocument(String release, String runId) {
        String time = runId.substring(0, 4) + "-" + runId.substring(4, 6) + "-" + runId.substring(6, 8) + "T"
                + runId.substring(9, 11) + ":" + runId.substring(11, 13) + ":" + runId.substring(13, 15) + "Z";
        root.put("release", release).put("target", "local").put("runId", runId).put("startedAt", time).put("finishedAt", time);
        root.putObject("harness").put("version", "test").put("commit", "abc123");
        ObjectNode selection = root.putObject("selection");
        selection.putArray("areas");
        selection.putArray("knelpunten");
        selection.putArray("injections");
        root.put("exitCode", 0);
        root.putObject("summary");
        knelpunten = root.putArray("knelpunten");
        fingerprints = root.putObject("fingerprints");
    }

    static RunDocument run(String release, String runId) {
        return new RunDocument(release, runId);
    }

    RunDocument target(String target) {
        root.put("target", target);
        return this;
    }

    /** A run on the local reference platform, as its scope says. */
    RunDocument onTheReferencePlatform() {
        ObjectNode scope = root.putObject("scope").put("referencePlatform", true).put("statement", "reference platform: proves "
                + "the checks, not an LPC release").put("targetName", root.get("target").asText()).put("targetKind", "local");
        List.of("areasCovered", "areasNotCovered", "knelpuntenChecked", "notSelected", "withoutCheck", "injected")
                .forEach(scope::putArray);
        return this;
    }

    RunDocument injected(String... ids) {
        ArrayNode injections = ((ObjectNode) root.get("selection")).putArray("injections");
        Arrays.stream(ids).forEach(injections::add);
        return this;
    }

    /** A knelpunt that one check verified, with the given verdict. */
    RunDocument knelpunt(String id, String verdict) {
        return knelpunt(id, verdict, verdict);
    }

    RunDocument knelpunt(String id, String verdict, String measured) {
        lastKnelpunt = knelpunten.addObject().put("id", id).put("area", "storage").put("title", "Title of " + id)
                .put("criterion", "criterion of " + id).put("verdict", verdict).put("measuredVerdict", measured)
                .put("reason", "reason of " + id + " " + measured).put("selected", !measured.equals("NOT_COVERED"))
                .put("replay", "./platform-acceptance run --knelpunt " + id);
        ArrayNode checks = lastKnelpunt.putArray("checks");
        if (!measured.equals("NOT_COVERED")) {
            String status = switch (measured) {
                case "RESOLVED" -> "passed";
                case "FAILING" -> "failed";
                default -> "broken";
            };
            lastCheck = checks.addObject().put("id", CHECK).put("area", "storage").put("status", status).put("durationMs", 8000)
                    .put("message", status.equals("passed") ? "" : id + " failed");
            lastCheck.putArray("knelpunten").add(id);
            lastCheck.putArray("measurements");
            lastCheck.putArray("evidence");
        }
        return this;
    }

    /** Every knelpunt of {@code register} with the given verdict and the services it blocks, as a whole run records them. */
    RunDocument everyKnelpunt(Register register, String verdict) {
        for (Knelpunt knelpunt : register.knelpunten()) {
            knelpunt(knelpunt.id(), verdict).blocks(knelpunt.blocks().toArray(String[]::new));
        }
        return this;
    }

    /** The services the last knelpunt blocks, as a run records them (without: runs older than the record). */
    RunDocument blocks(String... services) {
        ArrayNode blocks = lastKnelpunt.putArray("blocks");
        Arrays.stream(services).forEach(blocks::add);
        return this;
    }

    RunDocument waiver(String expires, boolean expired) {
        lastKnelpunt.putObject("waiver").put("reason", "accepted for now").put("approver", "platform owner")
                .put("expires", expires).put("expired", expired);
        return this;
    }

    /** A measurement of the last knelpunt's check. */
    RunDocument measurement(String name, double value, String unit, String comparator, double threshold) {
        boolean passed = switch (comparator) {
            case "<=" -> value <= threshold;
            case ">=" -> value >= threshold;
            default -> value == threshold;
        };
        ((ArrayNode) lastCheck.get("measurements")).addObject().put("knelpunt", lastKnelpunt.get("id").asText()).put("name", name)
                .put("value", value).put("unit", unit).put("threshold", threshold).put("comparator", comparator)
                .put("passed", passed).put("detail", "");
        return this;
    }

    /** The fingerprint of the check, with one threshold of a knelpunt (adds to what is there). */
    RunDocument threshold(String knelpunt, String name, String comparator, double value, String unit) {
        ObjectNode fingerprint = fingerprint();
        ObjectNode criteria = (ObjectNode) fingerprint.get("criteria");
        ObjectNode criterion = criteria.has(knelpunt) ? (ObjectNode) criteria.get(knelpunt) : criteria.putObject(knelpunt);
        if (!criterion.has("criterion")) {
            criterion.put("criterion", "criterion of " + knelpunt);
            criterion.putArray("thresholds");
            criterion.putArray("parameters");
        }
        ((ArrayNode) criterion.get("thresholds")).addObject().put("name", name).put("comparator", comparator).put("value", value)
                .put("unit", unit);
        return this;
    }

    RunDocument code(String hash) {
        fingerprint().put("code", hash);
        return this;
    }

    private ObjectNode fingerprint() {
        if (!fingerprints.has(CHECK)) {
            ObjectNode fingerprint = fingerprints.putObject(CHECK).put("code", "sha256:0000").put("digest", "sha256:1111");
            fingerprint.putArray("classes").add("nl.logius.platformacceptance.suites.storage.DataIntegrityCheck");
            fingerprint.putObject("criteria");
        }
        return (ObjectNode) fingerprints.get(CHECK);
    }

    RunVerdicts verdicts() {
        try {
            return Mappers.JSON.treeToValue(root, RunVerdicts.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code <root>/<release>/<run-id>/verdicts.json} (and an Allure report stub when asked) and returns the folder. */
    Path writeTo(Path outputRoot) {
        try {
            Path folder = Files.createDirectories(outputRoot.resolve(root.get("release").asText()).resolve(root.get("runId").asText()));
            Files.writeString(folder.resolve("verdicts.json"), Mappers.JSON.writeValueAsString(root));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
