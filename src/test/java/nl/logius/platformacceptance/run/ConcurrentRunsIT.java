package nl.logius.platformacceptance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two runs at once against the same engine, with different selections: the second starts (and sweeps) while
 * the first's check is running, and removes none of its live resources; both finish with their own correct
 * verdicts, and neither sees the other's checks.
 */
class ConcurrentRunsIT {

    @TempDir
    Path out;

    @Test
    void two_runs_side_by_side_keep_to_their_own_resources_and_both_resolve() {
        DockerClient docker = DockerClientFactory.instance().client();
        HarnessProcess storage = HarnessProcess.run(out, "--release", "side-a", "--knelpunt", "KP-STO-02").start();
        EngineResources storageResources = new EngineResources(storage.processLabel());
        await("the first run's check to have its instances").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> !storageResources.containers().isEmpty() || !storage.isAlive());
        List<String> liveBeforeTheSecondRun = storageResources.containers().stream().map(Container::getId).toList();

        HarnessProcess networking = HarnessProcess.run(out, "--release", "side-b", "--knelpunt", "KP-NET-01").start();
        // The second run sweeps before its first check starts: by then the sweep is over.
        await("the second run to have swept and started its check").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> networking.log().contains("running") || !networking.isAlive());
        assertThat(storage.isAlive()).as("the first run is still busy while the second one sweeps\n%s", storage.log()).isTrue();
        assertThat(liveBeforeTheSecondRun).as("the first run's live containers after the second run's sweep")
                .isNotEmpty()
                .allSatisfy(id -> assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec())
                        .as("container %s of the live run", id).isNotEmpty());

        int storageExit = storage.awaitExit(Duration.ofMinutes(4));
        int networkingExit = networking.awaitExit(Duration.ofMinutes(4));

        assertThat(storageExit).as(storage.log()).isZero();
        assertThat(networkingExit).as(networking.log()).isZero();
        assertOnlyItsOwnCheckResolved(storage, "side-a", "KP-STO-02", "KP-NET-01");
        assertOnlyItsOwnCheckResolved(networking, "side-b", "KP-NET-01", "KP-STO-02");
        assertThat(storageResources.all()).as("left by the first run").isEmpty();
        assertThat(new EngineResources(networking.processLabel()).all()).as("left by the second run").isEmpty();
    }

    private static void assertOnlyItsOwnCheckResolved(HarnessProcess run, String release, String own, String others) {
        JsonNode mine = run.knelpunt(release, own);
        assertThat(mine.get("verdict").asText()).as("%s in %s", own, release).isEqualTo("RESOLVED");
        assertThat(mine.get("checks")).hasSize(1);
        JsonNode theirs = run.knelpunt(release, others);
        assertThat(theirs.get("verdict").asText()).as("%s in %s", others, release).isEqualTo("NOT_COVERED");
        assertThat(theirs.get("checks")).as("the other run's check is not seen").isEmpty();
    }
}
