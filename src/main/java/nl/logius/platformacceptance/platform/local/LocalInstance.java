package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.ProbeClient;
import nl.logius.platformacceptance.platform.ProbeTransport;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.probe.workload.ProbeMain;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** An instance on the local platform: one container of the probe image. */
final class LocalInstance implements Instance {

    private final DockerClient docker;
    private final LocalWorkload workload;
    private final String containerId;
    private final String name;
    private final int index;
    private final Zone zone;
    private final String version;
    private final Instant createdAt;
    private final ProbeClient probe;
    private final ReadinessController readiness;
    private volatile boolean ready;

    LocalInstance(DockerClient docker, LocalWorkload workload, String containerId, String name, int index, Zone zone,
                  String version, ReadinessController readiness) {
        this.docker = docker;
        this.workload = workload;
        this.readiness = readiness;
        this.containerId = containerId;
        this.name = name;
        this.index = index;
        this.zone = zone;
        this.version = version;
        this.createdAt = Instant.now();
        this.probe = new ProbeClient(name, new PublishedPort());
    }

    @Override
    public String name() {
        return name;
    }

    int index() {
        return index;
    }

    String containerId() {
        return containerId;
    }

    String version() {
        return version;
    }

    Instant createdAt() {
        return createdAt;
    }

    LocalWorkload workload() {
        return workload;
    }

    @Override
    public Zone zone() {
        return zone;
    }

    @Override
    public ProbeClient probe() {
        return probe;
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    void markReady(boolean isReady) {
        this.ready = isReady;
    }

    /** A crash, not a stop: SIGKILL to the container's main process, so the engine's restart policy applies. */
    @Override
    public synchronized Disruption crash() {
        long pid = runningPid().orElseThrow(() -> new PlatformException("cannot crash " + name + ": it is not running"));
        Instant effective = Instant.now();
        boolean signalled = ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
        if (!signalled) {
            throw new PlatformException("cannot crash " + name + ": process " + pid + " did not take SIGKILL");
        }
        // The platform will see the crash on its next health round; until it has healed, this is not ready.
        readiness.forget(this);
        ready = false;
        return new Disruption(Disruption.Kind.CRASH, name, effective, "SIGKILL of its main process (pid " + pid
                + ") from the host; the engine's restart policy decides whether it starts again");
    }

    /** Forced removal of the container, as a node losing a pod; the workload's controller replaces it. */
    @Override
    public Disruption delete() {
        Disruption deleted = workload.deleteAbruptly(this);
        ready = false;
        return deleted;
    }

    @Override
    public Disruption freeze() {
        Instant asked = Instant.now();
        DockerCalls.run("freeze " + name, () -> docker.pauseContainerCmd(containerId).exec());
        return new Disruption(Disruption.Kind.FREEZE, name, asked, "its processes are frozen by the cgroup freezer (docker pause):"
                + " it answers nothing and keeps its connections");
    }

    @Override
    public Disruption thaw() {
        Instant asked = Instant.now();
        DockerCalls.run("thaw " + name, () -> docker.unpauseContainerCmd(containerId).exec());
        return new Disruption(Disruption.Kind.THAW, name, asked, "its processes are thawed (docker unpause)");
    }

    /** The container's address on its tenant's network (the network named by its tenant label). */
    @Override
    public String address() {
        InspectContainerResponse inspection = inspect();
        String network = inspection.getConfig().getLabels().get(LocalPlatform.TENANT_LABEL);
        ContainerNetwork attached = network == null ? null : inspection.getNetworkSettings().getNetworks().get(network);
        if (attached == null || attached.getIpAddress() == null || attached.getIpAddress().isEmpty()) {
            throw new PlatformException("instance " + name + " has no address on its tenant's network now");
        }
        return attached.getIpAddress();
    }

    InspectContainerResponse inspect() {
        return DockerCalls.call("inspect " + name, () -> docker.inspectContainerCmd(containerId).exec());
    }

    Optional<Long> runningPid() {
        InspectContainerResponse.ContainerState state = inspect().getState();
        Long pid = state.getPidLong();
        return Boolean.TRUE.equals(state.getRunning()) && pid != null && pid > 0 ? Optional.of(pid) : Optional.empty();
    }

    /** The admin port as published now: it changes when the engine restarts or reconnects the container. */
    Optional<URI> currentAdminAddress(InspectContainerResponse inspection) {
        Ports.Binding[] bindings = inspection.getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(ProbeMain.ADMIN_PORT));
        if (bindings == null || bindings.length == 0 || bindings[0].getHostPortSpec() == null) {
            return Optional.empty();
        }
        return Optional.of(URI.create("http://127.0.0.1:" + bindings[0].getHostPortSpec()));
    }

    @Override
    public String toString() {
        return name + " (" + zone + ")";
    }

    /** The local transport to the probe: its admin port, published on 127.0.0.1, read anew for every call. */
    private final class PublishedPort implements ProbeTransport {

        @Override
        public RequestSpecification request(RestAssuredConfig config) {
            URI address = currentAdminAddress(inspect()).orElseThrow(() -> new PlatformException(
                    "instance " + name + " has no published admin port (it is stopped, removed or cut off)"));
            return RestAssured.given().config(config).baseUri(address.toString());
        }

        @Override
        public String describe() {
            return "the admin port of " + name + ", published on 127.0.0.1";
        }
    }
}
