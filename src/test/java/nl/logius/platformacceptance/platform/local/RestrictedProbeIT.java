package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.ProbeClient;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every probe container the local platform starts runs as OpenShift's {@code restricted-v2} lets a tenant's pod run:
 * instances with a volume, the ingress in front of a service, and the bit-rot sidecar of KP-STO-02's injection. Read
 * from the engine ({@code docker inspect}) and from the kernel ({@code /proc/<pid>/status} of the container's main
 * process): a non-root UID with group 0, no capability, no privilege escalation, the default seccomp filter, a
 * read-only root file system; and an instance can still write its volume, as it does under OpenShift's fsGroup.
 */
class RestrictedProbeIT {

    private static final Duration READY = Duration.ofSeconds(90);

    @Test
    void every_probe_container_runs_without_root_capabilities_escalation_or_a_writable_root() throws IOException {
        List<Seen> seen = new ArrayList<>();
        Ownership owner = Ownership.of("it-restricted-" + System.nanoTime(), "RestrictedProbeIT.healthy", java.time.Instant.now().plus(Duration.ofMinutes(30)));
        LocalPlatform healthy = new LocalPlatform(List.of("zone-a", "zone-b"), Set.of(), "ingress.platform-acceptance.test");
        try (Tenant tenant = healthy.createTenant(owner, "restricted")) {
            Volume data = tenant.createVolume(VolumeSpec.of("data", 64L << 20));
            Workload web = tenant.deploy(WorkloadSpec.probe("web").instances(2).mount(data, "/data"));
            web.awaitReady(2, READY);
            tenant.expose(web);
            ProbeClient probe = web.instance(0).probe();
            assertThat(probe.write("/data/written-by-an-arbitrary-uid.bin", 4096, true, 1).bytes())
                    .as("an instance writes its volume (group 0 may write, as with fsGroup)").isEqualTo(4096);
            seen.addAll(inspectAll(owner));
        }
        Ownership bitRotOwner = Ownership.of("it-restricted-" + System.nanoTime(), "RestrictedProbeIT.bit-rot", java.time.Instant.now().plus(Duration.ofMinutes(30)));
        LocalPlatform withBitRot = new LocalPlatform(List.of("zone-a"), Set.of(LocalInjection.BIT_ROT));
        try (Tenant tenant = withBitRot.createTenant(bitRotOwner, "bit-rot")) {
            tenant.createVolume(VolumeSpec.of("rotting", 16L << 20));
            seen.addAll(inspectAll(bitRotOwner));
        }

        assertThat(seen).extracting(c -> c.container().getConfig().getLabels().get(LocalPlatform.INSTANCE_LABEL))
                .as("instances, the ingress element and the bit-rot sidecar")
                .contains("web-0", "web-1", "web--ingress").anyMatch(name -> name.startsWith("bit-rot-"));
        for (Seen running : seen) {
            InspectContainerResponse container = running.container();
            String name = container.getName();
            assertThat(container.getConfig().getUser()).as("user of %s", name).isEqualTo(RestrictedSecurity.USER);
            assertThat(container.getHostConfig().getCapDrop()).as("dropped capabilities of %s", name).contains(Capability.ALL);
            assertThat(container.getHostConfig().getCapAdd()).as("added capabilities of %s", name).isNullOrEmpty();
            assertThat(container.getHostConfig().getReadonlyRootfs()).as("read-only root of %s", name).isTrue();
            assertThat(container.getHostConfig().getSecurityOpts()).as("security options of %s", name)
                    .contains("no-new-privileges").noneMatch(option -> option.startsWith("seccomp=unconfined"));
            assertThat(container.getHostConfig().getPrivileged()).as("privileged %s", name).isNotEqualTo(Boolean.TRUE);
            assertThat(container.getHostConfig().getTmpFs()).as("writable paths of %s", name).containsKey("/tmp");
            Map<String, String> status = running.processStatus();
            assertThat(status.get("Uid").split("\\s+")).as("real, effective, saved UIDs of %s's process", name)
                    .startsWith("1000680000", "1000680000", "1000680000");
            assertThat(status.get("Gid").split("\\s+")[0]).as("GID of %s's process", name).isEqualTo("0");
            assertThat(status.get("CapEff")).as("effective capabilities of %s's process", name).isEqualTo("0000000000000000");
            assertThat(status.get("NoNewPrivs")).as("no_new_privs of %s's process", name).isEqualTo("1");
            assertThat(status.get("Seccomp")).as("seccomp mode of %s's process (2: filter)", name).isEqualTo("2");
        }
    }

    /** A container as the engine describes it, and its main process as the kernel does, both while it runs. */
    private record Seen(InspectContainerResponse container, Map<String, String> processStatus) {
    }

    /** The running containers of one check, inspected while they run. */
    private static List<Seen> inspectAll(Ownership owner) throws IOException {
        DockerClient docker = EngineConnection.client();
        List<Seen> inspected = new ArrayList<>();
        for (Container container : docker.listContainersCmd().withLabelFilter(Map.of(Ownership.RUN_LABEL, owner.runId())).exec()) {
            InspectContainerResponse inspection = docker.inspectContainerCmd(container.getId()).exec();
            inspected.add(new Seen(inspection, processStatus(inspection.getState().getPidLong())));
        }
        return inspected;
    }

    /** {@code /proc/<pid>/status} as name -> value: the kernel's own account of the process. */
    private static Map<String, String> processStatus(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(line -> line.contains(":"))
                .collect(java.util.stream.Collectors.toMap(line -> line.substring(0, line.indexOf(':')),
                        line -> line.substring(line.indexOf(':') + 1).strip(), (a, b) -> a));
    }
}
