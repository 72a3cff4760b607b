package nl.logius.platformacceptance.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.verdict.Provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the calibration a run relies on: the newest sealed calibration folder under
 * {@code <output root>/calibration/} made by the same harness commit. Calibration runs on the local
 * reference platform whatever the target: it proves that the checks of this commit detect their knelpunten,
 * which does not depend on the platform under test. A folder without a seal, or one marked as holding
 * secrets, does not count.
 */
public final class CalibrationLookup {

    /** The folder under the output root where {@code calibrate} writes. */
    public static final String CALIBRATION_FOLDER = "calibration";
    /** The result file of a calibration folder. */
    public static final String CALIBRATION_FILE = "calibration.json";

    private CalibrationLookup() {
    }

    /**
     * @param relativeTo the run folder; the link is recorded relative to it, so that it survives moving the
     *                   whole reports tree
     */
    public static Provenance.Calibration newest(Path outputRoot, String harnessCommit, Path relativeTo) {
        Path root = outputRoot.resolve(CALIBRATION_FOLDER);
        if (harnessCommit.startsWith("unknown")) {
            return Provenance.Calibration.none("the harness commit is unknown, so no calibration can be matched to it");
        }
        if (!Files.isDirectory(root)) {
            return Provenance.Calibration.none("no calibration under " + root + " (./platform-acceptance calibrate)");
        }
        try (Stream<Path> folders = Files.list(root)) {
            Optional<Candidate> newest = folders.map(CalibrationLookup::candidate).flatMap(Optional::stream)
                    .filter(c -> harnessCommit.equals(c.commit()))
                    .max(Comparator.comparing(Candidate::runId));
            return newest.map(c -> Provenance.Calibration.linked(relative(relativeTo, c.folder()), c.runId(),
                            Sha256.of(c.folder().resolve(EvidenceBundle.MANIFEST)), c.allDetected()))
                    .orElse(Provenance.Calibration.none("no sealed calibration of harness commit " + harnessCommit + " under " + root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private record Candidate(Path folder, String runId, String commit, boolean allDetected) {
    }

    private static Optional<Candidate> candidate(Path folder) {
        Path file = folder.resolve(CALIBRATION_FILE);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(folder.resolve(EvidenceBundle.MANIFEST))
                || Files.exists(folder.resolve(SecretScan.LEAK_MARKER))) {
            return Optional.empty();
        }
        try {
            JsonNode json = Mappers.JSON.readTree(file.toFile());
            return Optional.of(new Candidate(folder, json.path("runId").asText(), json.path("harness").path("commit").asText(),
                    json.path("allDetected").asBoolean(false)));
        } catch (IOException e) {
            return Optional.empty();
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
