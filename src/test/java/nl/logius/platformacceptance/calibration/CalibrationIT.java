package nl.logius.platformacceptance.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import nl.logius.platformacceptance.cli.PlatformAcceptance;
import nl.logius.platformacceptance.bundle.OfflineVerificationScript;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.platform.local.LocalPlatform;
import nl.logius.platformacceptance.run.CheckCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calibration on the real Docker engine: {@code calibrate} over every knelpunt that has a check (whatever
 * checks exist when it runs) must detect each one — passed healthy, failed injected with a message naming
 * the measured value and the threshold — write a folder that verifies, and leave nothing labelled behind.
 */
class CalibrationIT {

    /** {@code KP-FO-01 availability 96.8 % < 99 % (...)}: the knelpunt, a measured value, a comparator, a threshold. */
    private static final Pattern MEASURED_AGAINST_THRESHOLD =
            Pattern.compile("KP-[A-Z]+-\\d+ [a-z0-9-]+ -?\\d+(\\.\\d+)?( \\S+)? (<=|>=|!=|<|>) -?\\d+(\\.\\d+)?.*", Pattern.DOTALL);

    @TempDir
    static Path out;
    private static int exitCode;
    private static Path folder;
    private static JsonNode calibration;

    @BeforeAll
    static void calibrate_every_covered_knelpunt() throws IOException {
        exitCode = PlatformAcceptance.execute("calibrate", "--out", out.toString());
        try (Stream<Path> folders = Files.list(out.resolve("calibration"))) {
            folder = folders.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        calibration = Mappers.JSON.readTree(folder.resolve("calibration.json").toFile());
    }

    @Test
    void every_check_passes_healthy_and_fails_injected_with_a_measured_value_and_its_threshold() {
        Set<String> covered = new TreeSet<>();
        CheckCatalog.discover().checks().forEach(check -> covered.addAll(check.knelpunten()));
        Set<String> calibrated = new TreeSet<>();
        calibration.path("knelpunten").forEach(k -> calibrated.add(k.path("id").asText()));
        assertThat(calibrated).as("every knelpunt that has a check is calibrated").isEqualTo(covered);

        for (JsonNode knelpunt : calibration.path("knelpunten")) {
            String id = knelpunt.path("id").asText();
            assertThat(knelpunt.path("injection").asText()).as(id + " has an injection").isNotEmpty();
            // On a failure, say why: the checks' own messages are what a reader of CI's output needs.
            String messages = knelpunt.path("checks").toString();
            assertThat(knelpunt.path("healthyVerdict").asText()).as(id + " healthy: " + messages).isEqualTo("RESOLVED");
            assertThat(knelpunt.path("injectedVerdict").asText()).as(id + " injected: " + messages).isEqualTo("FAILING");
            for (JsonNode check : knelpunt.path("checks")) {
                String name = id + " " + check.path("id").asText();
                assertThat(check.path("healthy").asText()).as(name + " healthy").isEqualTo("passed");
                assertThat(check.path("injected").asText()).as(name + " injected").isEqualTo("failed");
                assertThat(check.path("injectedMessage").asText()).as(name + " names the measured value and the threshold")
                        .startsWith(id + " ").matches(MEASURED_AGAINST_THRESHOLD);
                assertThat(check.path("detected").asBoolean()).as(name + " detected").isTrue();
            }
        }
        assertThat(calibration.path("allDetected").asBoolean()).isTrue();
        assertThat(exitCode).isZero();
    }

    @Test
    void the_calibration_folder_and_each_run_in_it_verify_with_the_harness_and_with_standard_tools() throws Exception {
        assertThat(PlatformAcceptance.execute("verify", folder.toString())).isZero();
        for (Path run : subRuns()) {
            assertThat(PlatformAcceptance.execute("verify", run.toString())).as(run.toString()).isZero();
        }
        OfflineVerificationScript.Outcome offline = OfflineVerificationScript.run(folder, null);
        assertThat(offline.exitCode()).as(offline.output()).isZero();
        assertThat(offline.output()).contains("calibration.json: OK");
    }

    @Test
    void nothing_labelled_with_its_runs_is_left_on_the_engine() throws IOException {
        List<String> runIds = new ArrayList<>();
        for (Path run : subRuns()) {
            runIds.add(run.getFileName().toString());
        }
        assertThat(runIds).hasSize(1 + calibration.path("knelpunten").size());
        LocalPlatform platform = new LocalPlatform(List.of("zone-a", "zone-b"), Set.of());
        try {
            for (String runId : runIds) {
                assertThat(platform.removeRun(runId)).as("containers, networks and volumes labelled with run " + runId).isZero();
            }
        } finally {
            platform.close();
        }
    }

    @Test
    void a_changed_byte_a_deleted_file_and_an_added_file_are_each_named_by_verify(@TempDir Path copies) throws IOException {
        Path evidence;
        try (Stream<Path> files = Files.walk(folder.resolve("injected"))) {
            evidence = files.filter(p -> p.toString().contains("/evidence/") && Files.isRegularFile(p)).findFirst().orElseThrow();
        }
        String evidencePath = folder.relativize(evidence).toString();
        String healthyVerdicts = folder.relativize(subRuns().get(0).resolve("verdicts.json")).toString();

        Path changed = copy(copies.resolve("changed"));
        byte[] bytes = Files.readAllBytes(changed.resolve(evidencePath));
        bytes[0] ^= 1;
        Files.write(changed.resolve(evidencePath), bytes);
        assertThat(verify(changed)).startsWith("1\n").contains(evidencePath + ": changed after sealing");

        Path deleted = copy(copies.resolve("deleted"));
        Files.delete(deleted.resolve(healthyVerdicts));
        assertThat(verify(deleted)).startsWith("1\n").contains(healthyVerdicts + ": missing");

        Path added = copy(copies.resolve("added"));
        Files.writeString(added.resolve("injected/note.txt"), "added after sealing\n");
        assertThat(verify(added)).startsWith("1\n").contains("injected/note.txt: added after sealing");
    }

    /** The healthy run first, then the injected ones. */
    private static List<Path> subRuns() throws IOException {
        List<Path> runs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(p -> p.getFileName().toString().equals("verdicts.json")).map(Path::getParent)
                    .sorted(Comparator.comparing((Path p) -> !folder.relativize(p).startsWith("healthy")).thenComparing(Path::toString))
                    .forEach(runs::add);
        }
        return runs;
    }

    private static Path copy(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(folder.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
        return target;
    }

    /** verify's exit code and console output, as "code\noutput". */
    private static String verify(Path target) {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = PlatformAcceptance.execute("verify", target.toString());
        } finally {
            System.setOut(console);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        console.print(output);
        return code + "\n" + output;
    }
}
