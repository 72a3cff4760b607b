package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import nl.logius.platformacceptance.platform.PlatformException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenShift's {@code restricted-v2} policy as the local platform imitates it, for every probe container it starts:
 * an arbitrary non-root UID with group 0 (OpenShift assigns one from the namespace's range), all capabilities
 * dropped, no privilege escalation ({@code no-new-privileges}), the engine's default seccomp profile (the engine
 * applies it unless told {@code seccomp=unconfined}, which is never said here), a read-only root file system, and
 * a tmpfs at {@code /tmp}, the one path of the image that may be written. Volumes are made writable for group 0,
 * as OpenShift's {@code fsGroup} does for a claim ({@link #groupWritable}).
 *
 * <p>What the injections do to an instance they do from outside it (iptables through {@code nsenter} from the host,
 * {@code docker pause}, SIGKILL from the host, block I/O limits), so they need no privilege inside the container.
 *
 * <pre>{@code
 * CreateContainerCmd create = RestrictedSecurity.apply(docker.createContainerCmd(image).withHostConfig(host));
 * }</pre>
 */
final class RestrictedSecurity {

    /** An arbitrary UID of the kind OpenShift assigns (from a namespace's range), with group 0. */
    static final String USER = "1000680000:0";
    static final String NO_NEW_PRIVILEGES = "no-new-privileges";
    static final String WRITABLE_TMP = "/tmp";
    private static final String TMP_OPTIONS = "rw,noexec,nosuid,nodev,size=64m";
    /** {@code rwxrwsr-x}-like for the volume's root: group 0 may write, as with OpenShift's fsGroup. */
    private static final Set<PosixFilePermission> GROUP_WRITABLE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_EXECUTE);

    private RestrictedSecurity() {
    }

    /** The container, restricted: its host configuration (created when absent) gets the settings above. */
    static CreateContainerCmd apply(CreateContainerCmd create) {
        HostConfig host = create.getHostConfig() == null ? HostConfig.newHostConfig() : create.getHostConfig();
        Map<String, String> tmpfs = new LinkedHashMap<>(host.getTmpFs() == null ? Map.of() : host.getTmpFs());
        tmpfs.putIfAbsent(WRITABLE_TMP, TMP_OPTIONS);
        host.withCapDrop(Capability.ALL)
                .withReadonlyRootfs(true)
                .withSecurityOpts(List.of(NO_NEW_PRIVILEGES))
                .withTmpFs(tmpfs);
        return create.withUser(USER).withHostConfig(host);
    }

    /**
     * Makes a named volume's root writable for group 0 (a new volume's root is {@code root:root 755}), from the
     * host: the local platform's engine runs on this machine, and the harness runs as root to drive it.
     */
    static void groupWritable(DockerClient docker, String volumeName) {
        String mountpoint = DockerCalls.call("ask the Docker engine where volume " + volumeName + " lives",
                () -> docker.inspectVolumeCmd(volumeName).exec()).getMountpoint();
        try {
            Files.setPosixFilePermissions(Path.of(mountpoint), GROUP_WRITABLE);
        } catch (IOException e) {
            throw new PlatformException("cannot make volume " + volumeName + " writable for group 0 (" + mountpoint + "): "
                    + e.getMessage() + "; the local platform needs root on the engine's machine", e);
        }
    }
}
