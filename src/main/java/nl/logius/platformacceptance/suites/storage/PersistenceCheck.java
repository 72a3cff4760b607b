package nl.logius.platformacceptance.suites.storage;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Disruptive;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient.FileChecksum;
import nl.logius.platformacceptance.platform.ProbeClient.FileWritten;
import nl.logius.platformacceptance.platform.ProbeClient.Identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * KP-STO-03 — Data lost when an instance restarts.
 *
 * <p>The platform MUST give the replacement of a killed instance its volume back with every file that the
 * killed instance wrote and fsync'ed before it died, present and with the same content: the criterion's
 * number of files, each fsync'ed, then a crash (SIGKILL of the instance's main process, as a fault would),
 * then every file read back in the instance the platform brought up in its place.
 *
 * <p>On the local platform the engine restarts the crashed container, which mounts the same named volume
 * again; on Kubernetes the replacement is a new pod bound to the same PVC.
 */
@Verifies("KP-STO-03")
@Disruptive
class PersistenceCheck {

    private static final String MOUNT = "/data";
    private static final long FILE_BYTES = 64 * 1024;

    @PlatformCheck
    void every_fsynced_file_is_intact_after_its_instance_is_killed_and_replaced(Tenant tenant, Criterion criterion,
                                                                              Evidence evidence) {
        int files = criterion.count("files");
        long total = files * FILE_BYTES;
        Volume volume = evidence.step("Provision a volume of " + FreeSpace.mebibytes(total * 2),
                () -> tenant.createVolume(VolumeSpec.of("durable", total * 2)));
        Workload stateful = evidence.step("Deploy a probe that mounts it at " + MOUNT,
                () -> tenant.deploy(WorkloadSpec.probe("stateful").mount(volume, MOUNT)));
        evidence.step("Wait until the probe is ready", () -> stateful.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY));
        Instance original = stateful.instance(0);
        FreeSpace.require(original, MOUNT, total, evidence);

        List<FileWritten> written = evidence.step("Write " + files + " files of " + FILE_BYTES / 1024
                + " KiB of random data, each fsync'ed, then fsync their folder",
                () -> original.probe().writeMany(MOUNT, "synced-", files, FILE_BYTES, 1));
        evidence.attachJson("files written", written);
        Identity before = original.probe().identity();
        evidence.step("Kill instance " + original.name() + " (SIGKILL of its main process)", original::kill);
        evidence.step("Wait until the platform has a ready instance in its place (at most "
                + Deadlines.INSTANCE_REPLACED.toSeconds() + " s)", () -> stateful.awaitReady(1, Deadlines.INSTANCE_REPLACED));
        Instance replacement = stateful.instance(0);
        Identity after = replacement.probe().identity();
        if (before.startedAt().equals(after.startedAt())) {
            throw new PlatformException(replacement.name() + " still runs the process started at " + before.startedAt()
                    + ": the kill did not take, so there is no replacement to read from");
        }
        evidence.note(replacement.name() + " started at " + after.startedAt() + " in place of the process started at "
                + before.startedAt());

        Map<String, FileChecksum> read = evidence.step("Read every file back in the replacement", () -> replacement.probe()
                .checksums(MOUNT).stream().collect(Collectors.toMap(FileChecksum::path, file -> file)));
        List<String> missing = new ArrayList<>();
        List<String> corrupt = new ArrayList<>();
        for (FileWritten file : written) {
            FileChecksum found = read.get(file.path());
            if (found == null) {
                missing.add(file.path());
            } else if (!found.sha256().equals(file.sha256()) || found.bytes() != file.bytes()) {
                corrupt.add(file.path() + ": wrote " + file.sha256() + " (" + file.bytes() + " B), read "
                        + found.sha256() + " (" + found.bytes() + " B)");
            }
        }
        evidence.attachText("files missing or corrupt in the replacement", missing.isEmpty() && corrupt.isEmpty() ? "none"
                : String.join("\n", missing) + (missing.isEmpty() ? "" : "\n") + String.join("\n", corrupt));
        String of = " of " + files + " fsync'ed files";
        criterion.check("files-missing", missing.size(), missing.size() + of + " absent after the kill"
                + (missing.isEmpty() ? "" : "; first: " + missing.get(0)));
        criterion.check("files-corrupt", corrupt.size(), corrupt.size() + of + " differ after the kill"
                + (corrupt.isEmpty() ? "" : "; first: " + corrupt.get(0)));
    }
}
