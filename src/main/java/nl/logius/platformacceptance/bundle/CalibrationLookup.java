package nl.logius.platformacceptance.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.runfolder.RunFolder;
import nl.logius.platformacceptance.verdict.CheckFingerprint.CriterionFingerprint;
import nl.logius.platformacceptance.verdict.HarnessBuild;
import nl.logius.platformacceptance.verdict.Provenance;
import nl.logius.platformacceptance.verdict.Provenance.Calibration.Unproven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the calibration a run relies on, and what it proves about the run: the newest calibration folder under
 * {@code <output root>/calibration/} whose seal verifies and whose harness build is the run's own (the same code
 * of every check, the same probe image: {@link HarnessBuild#sameAs}). Calibration runs on the local reference
 * platform whatever the target: it proves that the checks of this build detect their knelpunten, which does not
 * depend on the platform under test.
 *
 * <p>Per selected knelpunt it proves detection only when the calibration injected it and every check detected
 * it, with the thresholds this run uses (a target that loosens a threshold is not proven by a calibration that
 * did not). The run carries the calibration: {@link #carry} copies its {@value #CALIBRATION_FILE} and seal files
 * into the run folder's {@value #CARRIED}/, so that an auditor can check the claim from the run folder alone.
 *
 * <pre>{@code
 * Provenance.Calibration calibration = CalibrationLookup.find(reports, build, criteria, runFolder.path());
 * CalibrationLookup.carry(calibration, runFolder);
 * }</pre>
 */
public final class CalibrationLookup {

    /** The folder under the output root where {@code calibrate} writes. */
    public static final String CALIBRATION_FOLDER = "calibration";
    /** The result file of a calibration folder. */
    public static final String CALIBRATION_FILE = "calibration.json";
    /** The folder of a run folder that holds the copy of the calibration it relied on. */
    public static final String CARRIED = "calibration";
    /** What {@link #carry} copies: the result, its page, and the seal files that prove them. */
    static final List<String> CARRIED_FILES = List.of(CALIBRATION_FILE, "calibration.md", EvidenceBundle.MANIFEST,
            EvidenceBundle.MANIFEST_SIGNATURE, EvidenceBundle.ENVELOPE, EvidenceBundle.PUBLIC_KEY, EvidenceBundle.KEY_ID);

    private CalibrationLookup() {
    }

    /**
     * @param criteria   per selected knelpunt that has a check: the criterion this run compares with
     * @param relativeTo the run folder; the link is recorded relative to it, so that it survives moving the
     *                   whole reports tree
     */
    public static Provenance.Calibration find(Path outputRoot, HarnessBuild build, Map<String, CriterionFingerprint> criteria,
                                              Path relativeTo) {
        Path root = outputRoot.resolve(CALIBRATION_FOLDER);
        if (!Files.isDirectory(root)) {
            return Provenance.Calibration.none("no calibration under " + root + " (./platform-acceptance calibrate)");
        }
        List<Candidate> sameBuild;
        try (Stream<Path> folders = Files.list(root)) {
            sameBuild = folders.map(CalibrationLookup::candidate).flatMap(Optional::stream)
                    .filter(c -> build.sameAs(c.build()))
                    .sorted(Comparator.comparing(Candidate::runId).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        List<String> refused = new ArrayList<>();
        for (Candidate candidate : sameBuild) {
            BundleVerifier.Report seal = BundleVerifier.verify(candidate.folder(), Optional.empty());
            if (seal.outcome() != BundleVerifier.Outcome.INTACT) {
                refused.add(candidate.runId() + " (its seal does not verify: " + (seal.badInput() != null ? seal.badInput()
                        : seal.problems().get(0)) + ")");
                continue;
            }
            return proof(candidate, criteria, relativeTo);
        }
        return Provenance.Calibration.none("no sealed calibration of this harness build (" + build.describe() + ") under " + root
                + (refused.isEmpty() ? "" : "; refused: " + String.join(", ", refused)));
    }

    /** Copies the calibration's result and seal files into the run folder's {@value #CARRIED}/; nothing when none. */
    public static void carry(Provenance.Calibration calibration, RunFolder run) {
        if (!calibration.isLinked()) {
            return;
        }
        Path folder = run.path().resolve(calibration.path()).normalize();
        for (String name : CARRIED_FILES) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    run.writeOnce(CARRIED + "/" + name, Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot copy " + file + " into the run folder", e);
                }
            }
        }
    }

    private record Candidate(Path folder, String runId, HarnessBuild build, boolean allDetected, JsonNode report) {
    }

    private static Optional<Candidate> candidate(Path folder) {
        Path file = folder.resolve(CALIBRATION_FILE);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(folder.resolve(EvidenceBundle.MANIFEST))
                || Files.exists(folder.resolve(SecretScan.LEAK_MARKER)) || Files.exists(folder.resolve(RunFolder.INCOMPLETE_MARKER))) {
            return Optional.empty();
        }
        try {
            JsonNode json = Mappers.JSON.readTree(file.toFile());
            JsonNode build = json.path("harness").path("build");
            if (!build.isObject()) {
                return Optional.empty(); // an older harness did not record its build: it cannot be matched
            }
            return Optional.of(new Candidate(folder, json.path("runId").asText(), Mappers.JSON.treeToValue(build, HarnessBuild.class),
                    json.path("allDetected").asBoolean(false), json));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Provenance.Calibration proof(Candidate candidate, Map<String, CriterionFingerprint> criteria, Path relativeTo) {
        List<String> detectable = new ArrayList<>();
        List<Unproven> unproven = new ArrayList<>();
        for (Map.Entry<String, CriterionFingerprint> selected : criteria.entrySet()) {
            String id = selected.getKey();
            Optional<JsonNode> entry = knelpunt(candidate.report(), id);
            if (entry.isEmpty()) {
                unproven.add(new Unproven(id, "calibration " + candidate.runId() + " did not calibrate it"));
            } else if (!entry.get().path("detected").asBoolean(false)) {
                unproven.add(new Unproven(id, "calibration " + candidate.runId() + " did not detect its injection: "
                        + notDetectedBecause(entry.get())));
            } else if (!selected.getValue().equals(criterion(entry.get()))) {
                unproven.add(new Unproven(id, "calibrated with other thresholds (" + thresholds(criterion(entry.get()))
                        + ") than this run compares with (" + thresholds(selected.getValue()) + ")"));
            } else {
                detectable.add(id);
            }
        }
        return Provenance.Calibration.linked(relative(relativeTo, candidate.folder()), candidate.runId(),
                Sha256.of(candidate.folder().resolve(EvidenceBundle.MANIFEST)), candidate.allDetected(), keyId(candidate.folder()),
                CARRIED, detectable, unproven);
    }

    private static Optional<JsonNode> knelpunt(JsonNode report, String id) {
        for (JsonNode knelpunt : report.path("knelpunten")) {
            if (id.equals(knelpunt.path("id").asText())) {
                return Optional.of(knelpunt);
            }
        }
        return Optional.empty();
    }

    private static String notDetectedBecause(JsonNode knelpunt) {
        for (JsonNode check : knelpunt.path("checks")) {
            if (!check.path("detected").asBoolean(false)) {
                return check.path("id").asText() + " " + check.path("reason").asText("not detected");
            }
        }
        return "no check of it detected it";
    }

    private static CriterionFingerprint criterion(JsonNode knelpunt) {
        try {
            return knelpunt.hasNonNull("criterion") ? Mappers.JSON.treeToValue(knelpunt.get("criterion"), CriterionFingerprint.class) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String thresholds(CriterionFingerprint criterion) {
        return criterion == null ? "not recorded" : String.join(", ", criterion.thresholds().stream()
                .map(t -> t.name() + " " + t.comparator() + " " + nl.logius.platformacceptance.register.Threshold.formatNumber(t.value())
                        + " " + t.unit()).toList());
    }

    private static String keyId(Path folder) {
        try {
            return Files.readString(folder.resolve(EvidenceBundle.KEY_ID)).strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static String relative(Path from, Path to) {
        try {
            return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return to.toAbsolutePath().normalize().toString();
        }
    }
}
