package nl.logius.platformacceptance.suites.storage;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient.FileChecksum;
import nl.logius.platformacceptance.platform.ProbeClient.FileWritten;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KP-STO-02 — Data read back differs from data written.
 *
 * <p>The platform MUST return exactly the bytes that were written to a volume: random data in files from
 * the smallest to the largest size of the criterion, written and fsync'ed by a workload, read back with
 * 0 SHA-256 mismatches.
 */
@Verifies("KP-STO-02")
class DataIntegrityCheck {

    private static final String MOUNT = "/data";

    @PlatformCheck
    void data_reads_back_exactly_as_written(Tenant tenant, Criterion criterion, Evidence evidence) {
        long total = criterion.bytes("total-data").get(0);
        List<Long> sizes = fileSizes(criterion.bytes("smallest-file").get(0), criterion.bytes("largest-file").get(0), total);
        Volume volume = evidence.step("Provision a volume of " + mebibytes(total * 2) + " MiB",
                () -> tenant.createVolume(VolumeSpec.of("data", total * 2)));
        Workload writer = evidence.step("Deploy a probe that mounts it at " + MOUNT,
                () -> tenant.deploy(WorkloadSpec.probe("writer").mount(volume, MOUNT)));
        evidence.step("Wait until the probe is ready", () -> writer.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY));
        Instance instance = writer.instance(0);
        FreeSpace.require(instance, MOUNT, total, evidence);

        Map<String, FileWritten> written = new LinkedHashMap<>();
        evidence.step("Write " + sizes.size() + " files of random data (" + mebibytes(total) + " MiB), each fsync'ed", () -> {
            for (int i = 0; i < sizes.size(); i++) {
                String path = MOUNT + "/file-" + i + ".bin";
                written.put(path, instance.probe().write(path, sizes.get(i), true, i + 1L));
            }
        });
        List<String> mismatches = new ArrayList<>();
        evidence.step("Read every file back and compare its SHA-256", () -> {
            for (FileWritten file : written.values()) {
                Optional<FileChecksum> read = instance.probe().checksum(file.path());
                if (read.isEmpty()) {
                    mismatches.add(file.path() + ": missing");
                } else if (!read.get().sha256().equals(file.sha256()) || read.get().bytes() != file.bytes()) {
                    mismatches.add(file.path() + ": wrote " + file.sha256() + " (" + file.bytes() + " B), read "
                            + read.get().sha256() + " (" + read.get().bytes() + " B)");
                }
            }
        });
        evidence.attachJson("files written", written.values());
        evidence.attachText("mismatches", mismatches.isEmpty() ? "none" : String.join("\n", mismatches));
        criterion.check("checksum-mismatches", mismatches.size(),
                written.size() + " files, " + mebibytes(total) + " MiB" + (mismatches.isEmpty() ? "" : "; first: " + mismatches.get(0)));
    }

    /**
     * File sizes from the smallest to the largest, doubling, then the rest of the total in the largest
     * sizes that fit: every size class is covered and the total is exact.
     */
    static List<Long> fileSizes(long smallest, long largest, long total) {
        List<Long> sizes = new ArrayList<>();
        long sum = 0;
        for (long size = smallest; size <= largest && sum + size <= total; size *= 2) {
            sizes.add(size);
            sum += size;
        }
        while (sum < total) {
            long size = Math.min(largest, Long.highestOneBit(total - sum));
            sizes.add(size);
            sum += size;
        }
        return sizes;
    }

    private static long mebibytes(long bytes) {
        return bytes >> 20;
    }
}
