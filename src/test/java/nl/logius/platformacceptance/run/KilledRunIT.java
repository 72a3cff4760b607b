package nl.logius.platformacceptance.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import nl.logius.platformacceptance.platform.Ownership;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A run killed with SIGKILL in the middle of a check: its folder says so, and the next run sweeps its leftovers. */
class KilledRunIT {

    @Test
    void the_next_run_removes_what_a_killed_run_left_and_the_killed_folder_stays_incomplete(@TempDir Path out) throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        Process killed = harness(out, "--release", "killed", "--knelpunt", "KP-FO-01");
        String pidLabelPart = "/" + killed.pid() + "/";
        try {
            await("the run to start its check's containers").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> containersOf(docker, pidLabelPart).size() >= 3 || !killed.isAlive());
            assertThat(killed.isAlive()).as("the harness ended before it could be killed:\n%s", logs(out)).isTrue();
        } finally {
            killed.destroyForcibly().waitFor();
        }
        assertThat(containersOf(docker, pidLabelPart)).as("the killed run's containers are still there").isNotEmpty();
        Path killedFolder = onlyRunFolder(out.resolve("killed"));
        assertThat(killedFolder.resolve(RunFolder.INCOMPLETE_MARKER)).exists();
        assertThat(killedFolder.resolve("verdicts.json")).doesNotExist();

        Process next = harness(out, "--release", "next", "--knelpunt", "KP-STO-02");
        assertThat(next.waitFor()).as("exit code of the next run").isZero();

        assertThat(containersOf(docker, pidLabelPart)).as("containers of the killed run").isEmpty();
        assertThat(docker.listNetworksCmd().withFilter("label", List.of(Ownership.RUN_LABEL)).exec())
                .noneMatch(n -> String.valueOf(n.getLabels().get(Ownership.PROCESS_LABEL)).contains(pidLabelPart));
        assertThat(docker.listVolumesCmd().withFilter("label", List.of(Ownership.RUN_LABEL)).exec().getVolumes())
                .noneMatch(v -> String.valueOf(v.getLabels().get(Ownership.PROCESS_LABEL)).contains(pidLabelPart));
        assertThat(onlyRunFolder(out.resolve("next")).resolve(RunFolder.INCOMPLETE_MARKER)).doesNotExist();
    }

    private static List<Container> containersOf(DockerClient docker, String pidLabelPart) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Ownership.RUN_LABEL)).exec().stream()
                .filter(c -> String.valueOf(c.getLabels().get(Ownership.PROCESS_LABEL)).contains(pidLabelPart)).toList();
    }

    /** The harness as a process of its own, as the launcher starts it. */
    static Process harness(Path out, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dplatform-acceptance.home=" + System.getProperty("platform-acceptance.home", "."),
                "-cp", System.getProperty("java.class.path"), "nl.logius.platformacceptance.cli.PlatformAcceptance",
                "run", "--out", out.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolve("harness-" + System.nanoTime() + ".log").toFile());
        builder.environment().putAll(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true", "TESTCONTAINERS_CHECKS_DISABLE", "true",
                "TESTCONTAINERS_HOST_OVERRIDE", "localhost", "TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX", "127.0.0.1:1/"));
        return builder.start();
    }

    private static String logs(Path out) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(out)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                text.append(Files.readString(log));
            }
        }
        return text.toString();
    }

    private static Path onlyRunFolder(Path releaseFolder) throws IOException {
        try (Stream<Path> folders = Files.list(releaseFolder)) {
            List<Path> runs = folders.filter(Files::isDirectory).toList();
            assertThat(runs).hasSize(1);
            return runs.get(0);
        }
    }

}
