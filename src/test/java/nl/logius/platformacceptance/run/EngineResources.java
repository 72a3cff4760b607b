package nl.logius.platformacceptance.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.Network;
import nl.logius.platformacceptance.platform.Ownership;
import org.testcontainers.DockerClientFactory;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * What the engine holds for one harness process, seen by the test through the engine's own socket: the
 * containers, networks and volumes labelled with the process, and its containers' events as they happen.
 * Only ever removes what the test's own child runs made.
 */
final class EngineResources {

    private final DockerClient docker = DockerClientFactory.instance().client();
    private final String processLabel;

    EngineResources(String processLabel) {
        this.processLabel = processLabel;
    }

    List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Ownership.PROCESS_LABEL + "=" + processLabel)).exec();
    }

    List<Network> networks() {
        return docker.listNetworksCmd().withFilter("label", List.of(Ownership.PROCESS_LABEL + "=" + processLabel)).exec();
    }

    List<InspectVolumeResponse> volumes() {
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                .withFilter("label", List.of(Ownership.PROCESS_LABEL + "=" + processLabel)).exec().getVolumes();
        return volumes == null ? List.of() : volumes;
    }

    /** Everything labelled with the process: containers, networks and volumes, by kind and name. */
    List<String> all() {
        List<String> all = new ArrayList<>();
        containers().forEach(c -> all.add("container " + String.join(",", c.getNames())));
        networks().forEach(n -> all.add("network " + n.getName()));
        volumes().forEach(v -> all.add("volume " + v.getName()));
        return all;
    }

    /** Removes what the process left (a test's clean-up after it cut the process off from the engine). */
    void removeAll() {
        for (Container container : containers()) {
            ignoringMissing(() -> docker.removeContainerCmd(container.getId()).withForce(true).exec());
        }
        for (Network network : networks()) {
            ignoringMissing(() -> docker.removeNetworkCmd(network.getId()).exec());
        }
        for (InspectVolumeResponse volume : volumes()) {
            ignoringMissing(() -> docker.removeVolumeCmd(volume.getName()).exec());
        }
    }

    /**
     * Completes on the first event of one of the process's containers that matches, e.g. {@code "die"} when a
     * check kills an instance. Close the returned watch when done.
     */
    Watch watchContainers(Predicate<Event> wanted) {
        CompletableFuture<Event> first = new CompletableFuture<>();
        Closeable subscription = docker.eventsCmd()
                .withLabelFilter(Ownership.PROCESS_LABEL + "=" + processLabel)
                .withEventTypeFilter("container")
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        if (wanted.test(event)) {
                            first.complete(event);
                        }
                    }
                });
        return new Watch(first, subscription);
    }

    record Watch(CompletableFuture<Event> first, Closeable subscription) implements AutoCloseable {
        @Override
        public void close() {
            try {
                subscription.close();
            } catch (IOException ignored) {
                // the watch is over either way
            }
        }
    }

    private static void ignoringMissing(Runnable removal) {
        try {
            removal.run();
        } catch (com.github.dockerjava.api.exception.NotFoundException ignored) {
            // already gone
        }
    }
}
