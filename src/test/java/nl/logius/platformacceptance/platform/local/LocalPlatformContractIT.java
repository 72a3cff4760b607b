package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformContract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The local reference platform passes the driver contract on the real Docker engine. A lost engine is one
 * whose socket is not there, seen by a child JVM ({@link LostEngine}): the engine client and its health are
 * the JVM's, and this one's engine must stay.
 */
class LocalPlatformContractIT extends PlatformContract {

    @Override
    protected Platform openPlatform() {
        return new LocalPlatform(List.of("zone-a", "zone-b"), Set.of());
    }

    @Override
    protected List<Map<String, String>> labelsOfEveryResource(String runId) {
        DockerClient docker = EngineConnection.client();
        List<String> filter = List.of(Ownership.RUN_LABEL + "=" + runId);
        List<Map<String, String>> labels = new ArrayList<>();
        for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec()) {
            labels.add(container.getLabels());
        }
        for (Network network : docker.listNetworksCmd().withFilter("label", filter).exec()) {
            labels.add(network.getLabels());
        }
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd().withFilter("label", filter).exec().getVolumes();
        for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            labels.add(volume.getLabels());
        }
        return labels;
    }

    @Override
    protected LostPlatform aLostPlatform() {
        Path noEngine = Path.of(System.getProperty("java.io.tmpdir"), "no-engine-" + ProcessHandle.current().pid() + ".sock");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LostEngine.class.getName())
                .redirectErrorStream(true);
        child.environment().put("DOCKER_HOST", "unix://" + noEngine);
        try {
            Process process = child.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new LostPlatform(false, "the child did not finish within 60 s", Optional.empty());
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Optional<String> reported = output.lines().filter(line -> line.startsWith(LostEngine.REPORTED))
                    .map(line -> line.substring(LostEngine.REPORTED.length())).findFirst();
            return new LostPlatform(output.contains(LostEngine.FAILED), output, reported);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the child JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
