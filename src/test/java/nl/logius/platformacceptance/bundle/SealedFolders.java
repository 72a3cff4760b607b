package nl.logius.platformacceptance.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small run folders, sealed by the real sealing code, for the tests of the bundle. */
final class SealedFolders {

    static final String RUN_ID = "20261129T141605Z-3f9a";

    private SealedFolders() {
    }

    /** A folder shaped like a run's (verdicts, matrix, nested evidence, a binary file), sealed with {@code key}. */
    static Path sealed(Path parent, SigningKey key) throws IOException {
        Path folder = unsealed(parent);
        EvidenceBundle.seal(folder, RUN_ID, "verdicts.json", predicate(), key);
        return folder;
    }

    static Path unsealed(Path parent) throws IOException {
        Path folder = Files.createDirectories(parent.resolve("dev").resolve(RUN_ID));
        write(folder, "verdicts.json", "{\"runId\": \"" + RUN_ID + "\", \"knelpunten\": []}\n");
        write(folder, "knelpunten.md", "# Knelpunten\n");
        write(folder, "allure-results/environment.properties", "run.id=" + RUN_ID + "\n");
        write(folder, "evidence/InstanceLossCheck.service_survives/01-availability-timeline.svg", "<svg/>\n");
        write(folder, "junit/TEST-junit-jupiter.xml", "<testsuite/>\n");
        Files.write(folder.resolve("evidence/InstanceLossCheck.service_survives/02-raw.bin"), new byte[] {0, 1, 2, (byte) 0xff});
        return folder;
    }

    static TestResultPredicate predicate() {
        return new TestResultPredicate("PASSED", List.of(new TestResultPredicate.ResourceDescriptor("register", "suites/knelpunten.yaml",
                java.util.Map.of("sha256", "00"), java.util.Map.of())), null,
                List.of("KP-FO-01/InstanceLossCheck.service_survives"), List.of(), List.of());
    }

    static void write(Path folder, String relative, String content) throws IOException {
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Flips the lowest bit of the file's middle byte. */
    static void flipOneByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
    }
}
