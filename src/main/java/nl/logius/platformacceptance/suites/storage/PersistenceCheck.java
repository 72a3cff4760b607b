package nl.logius.platformacceptance.suites.storage;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Disruptive;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.Durations;
import nl.logius.platformacceptance.platform.Disruption;
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
 * <p>The platform MUST give the replacement of a deleted instance its volume back with every file that the
 * deleted instance wrote and fsync'ed before it went, present and with the same content: the criterion's
 * number of files, each fsync'ed, then the instance deleted, then every file read back in the instance the
 * platform brought up in its place.
 *
 * <p>Disruption: <em>delete</em>, the instance removed abruptly without grace, so the volume must be
 * attached again to a new instance (Kubernetes: pod delete with grace 0, the StatefulSet's new pod binds the
 * same PVC; local: forced removal of the container, the driver's controller starts a new one on the same
 * named volume). The workload asks for stable identity, as a stateful one does.
 */
@Verifies("KP-STO-03")
@Disruptive
class PersistenceCheck {

    private static final String MOUNT = "/data";
    private static final long FILE_BYTES = 64 * 1024;

    @PlatformCheck
    void every_fsynced_file_is_intact_after_its_instance_is_deleted_and_replaced(Tenant tenant, Criterion criterion,
                                                                              Evidence evidence) {
        int files = criterion.count("files");
        long total = files * FILE_BYTES;
        Volume volume = evidence.step("Provision a volume of " + FreeSpace.mebibytes(total * 2),
                () -> tenant.createVolume(VolumeSpec.of("durable", total * 2)));
        Workload stateful = evidence.step("Deploy a probe that mounts it at " + MOUNT,
                () -> tenant.deploy(WorkloadSpec.probe("stateful").mount(volume, MOUNT).withStableIdentity()));
        evidence.step("Wait until the probe is ready", () -> stateful.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY));
        Instance original = stateful.instance(0);
        FreeSpace.require(original, MOUNT, total, evidence);

        List<FileWritten> written = evidence.step("Write " + files + " files of " + FILE_BYTES / 1024
                + " KiB of random data, each fsync'ed, then fsync their folder",
                () -> original.probe().writeMany(MOUNT, "synced-", files, FILE_BYTES, 1));
        evidence.attachJson("files written", written);
        Identity before = original.probe().identity();
        Disruption deleted = evidence.disrupt("Delete instance " + original.name(), original::delete);
        Instance replacement = evidence.step("Wait until the platform has a ready instance in its place (at most "
                + Durations.seconds(Deadlines.INSTANCE_REPLACED) + " from the deletion)",
                () -> stateful.awaitReplacement(deleted, Deadlines.INSTANCE_REPLACED));
        Identity after = replacement.probe().identity();
        if (before.startedAt().equals(after.startedAt())) {
            throw new PlatformException(replacement.name() + " still runs the process started at " + before.startedAt()
                    + ": the deletion did not take, so there is no replacement to read from");
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
        criterion.check("files-missing", missing.size(), missing.size() + of + " absent after the deletion"
                + (missing.isEmpty() ? "" : "; first: " + missing.get(0)));
        criterion.check("files-corrupt", corrupt.size(), corrupt.size() + of + " differ after the deletion"
                + (corrupt.isEmpty() ? "" : "; first: " + corrupt.get(0)));
    }
}
