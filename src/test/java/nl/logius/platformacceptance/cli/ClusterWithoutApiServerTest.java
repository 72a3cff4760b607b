package nl.logius.platformacceptance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import nl.logius.platformacceptance.json.Mappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * No cluster, no hang: against a Kubernetes target whose API server is a closed port on 127.0.0.1, {@code run} and
 * {@code preflight} end (the guard is 30 s, not a benchmark), exit 3, and name the server; the run writes no verdict
 * but INCONCLUSIVE.
 */
class ClusterWithoutApiServerTest {

    private static final String PROFILE = "src/test/resources/targets/kubernetes-without-api-server.yaml";
    private static final String SERVER = "https://127.0.0.1:1";
    private static final Duration NEVER_HANGS = Duration.ofSeconds(30);

    @Test
    void run_ends_inconclusive_naming_the_server(@TempDir Path out) throws IOException {
        CommandLineRun.Result result = assertTimeoutPreemptively(NEVER_HANGS, () -> CommandLineRun.execute(
                List.of("run", "--target", PROFILE, "--out", out.toString())));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(PlatformAcceptance.EXIT_INCONCLUSIVE);
        assertThat(result.out()).contains("platform unreachable: the API server " + SERVER + " did not answer");
        JsonNode verdicts = Mappers.JSON.readTree(verdictsOf(out).toFile());
        assertThat(verdicts.get("knelpunten")).hasSize(20)
                .allSatisfy(knelpunt -> assertThat(knelpunt.get("verdict").asText()).as(knelpunt.get("id").asText())
                        .isEqualTo("INCONCLUSIVE"));
    }

    @Test
    void preflight_ends_with_the_server_missing(@TempDir Path out) {
        CommandLineRun.Result result = assertTimeoutPreemptively(NEVER_HANGS, () -> CommandLineRun.execute(
                List.of("preflight", "--target", PROFILE)));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(PlatformAcceptance.EXIT_INCONCLUSIVE);
        assertThat(result.out()).contains("MISSING    API server answers").contains("the API server " + SERVER + " did not answer");
    }

    private static Path verdictsOf(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(file -> file.getFileName().toString().equals("verdicts.json")).findFirst().orElseThrow();
        }
    }
}
