package nl.logius.platformacceptance.suites.storage;

import nl.logius.platformacceptance.measure.Durations;
import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.LatencyStats;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient.SequentialWrite;
import nl.logius.platformacceptance.platform.ProbeClient.SyncedWrites;
import nl.logius.platformacceptance.register.Threshold;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * KP-STO-04 — Storage too slow.
 *
 * <p>The platform MUST let a workload write the criterion's amount sequentially to a volume at no less than
 * the criterion's throughput, and MUST complete 4 KiB writes that are each followed by fsync within the
 * criterion's p99 latency (over the criterion's number of writes).
 *
 * <p>What is measured, inside the platform by the probe on the volume: the sequential write goes in 1 MiB
 * blocks of random data with O_DIRECT where the file system allows it (as {@code dd oflag=direct}; through
 * the page cache otherwise), followed by one fsync, timed from opening the file to the end of the fsync.
 * The synced writes are appends of 4 KiB, each timed from the write to the end of its fsync. Either stops
 * early once its threshold can no longer be met ({@link EarlyStop}); the message then says so.
 *
 * <p>On the local platform the volume is on this machine's disk. Its injection makes the engine throttle
 * the instance's block I/O on that disk (cgroup limits on bytes and write operations per second), so the
 * writes really are slow.
 */
@Verifies("KP-STO-04")
class StoragePerformanceCheck {

    private static final String MOUNT = "/data";
    private static final int SYNCED_WRITE_BYTES = 4096;
    private static final double P99 = 99;

    @PlatformCheck
    void volume_takes_sequential_writes_fast_and_synced_small_writes_with_short_tails(Tenant tenant, Criterion criterion,
                                                                                      Evidence evidence) {
        long sequentialBytes = criterion.bytes("sequential-write-size").get(0);
        int syncedWrites = criterion.count("fsync-writes");
        long needed = sequentialBytes + (long) syncedWrites * SYNCED_WRITE_BYTES;
        Volume volume = evidence.step("Provision a volume of " + FreeSpace.mebibytes(needed * 2),
                () -> tenant.createVolume(VolumeSpec.of("bench", needed * 2)));
        Workload bench = evidence.step("Deploy a probe that mounts it at " + MOUNT,
                () -> tenant.deploy(WorkloadSpec.probe("bench").mount(volume, MOUNT)));
        evidence.step("Wait until the probe is ready", () -> bench.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY));
        Instance instance = bench.instance(0);
        FreeSpace.require(instance, MOUNT, needed, evidence);

        measureSequentialWrite(instance, sequentialBytes, criterion, evidence);
        measureSyncedWrites(instance, syncedWrites, criterion, evidence);
    }

    private static void measureSequentialWrite(Instance instance, long bytes, Criterion criterion, Evidence evidence) {
        Threshold threshold = criterion.threshold("sequential-write-throughput");
        Duration decidedAfter = EarlyStop.sequentialWriteDecidedAfter(bytes, threshold).orElse(Duration.ofMinutes(10));
        String path = MOUNT + "/sequential.bin";
        SequentialWrite write = evidence.step("Write " + FreeSpace.mebibytes(bytes) + " sequentially in 1 MiB blocks, then fsync",
                () -> instance.probe().sequentialWrite(path, bytes, decidedAfter));
        // The data has served its purpose: remove it at once, a run keeps the disk as it found it.
        evidence.step("Remove " + path, () -> instance.probe().delete(path));
        evidence.attachJson("sequential write", write);
        if (write.micros() <= 0 || write.bytesWritten() <= 0) {
            throw new PlatformException("the sequential write measured nothing: " + write);
        }
        double seconds = write.micros() / 1e6;
        double mibPerSecond = write.bytesWritten() / (double) (1L << 20) / seconds;
        String how = String.format(Locale.ROOT, "%s in %.2f s, 1 MiB blocks, %s, fsync at the end",
                FreeSpace.mebibytes(write.bytesWritten()), seconds, write.direct() ? "O_DIRECT" : "through the page cache");
        if (write.stoppedEarly()) {
            how += "; stopped after " + Durations.seconds(decidedAfter) + " of "
                    + FreeSpace.mebibytes(bytes) + ": the whole write could no longer reach " + threshold.describe();
        }
        criterion.check("sequential-write-throughput", mibPerSecond, how);
    }

    private static void measureSyncedWrites(Instance instance, int count, Criterion criterion, Evidence evidence) {
        Threshold threshold = criterion.threshold("fsync-write-latency-p99");
        Duration slow = threshold.asDuration();
        int decidingSlowSamples = EarlyStop.slowSamplesDeciding(count, P99, threshold).orElse(count + 1);
        // Every write as slow as the threshold, twice over: past that the measurement itself is broken.
        Duration budget = slow.multipliedBy(count * 2L).plusSeconds(30);
        String path = MOUNT + "/synced.bin";
        SyncedWrites writes = evidence.step(count + " writes of " + SYNCED_WRITE_BYTES / 1024 + " KiB, each followed by fsync",
                () -> instance.probe().syncedWrites(path, count, SYNCED_WRITE_BYTES, slow, decidingSlowSamples, budget));
        evidence.step("Remove " + path, () -> instance.probe().delete(path));
        evidence.attachCsv("synced write times", "write,micros\n" + IntStream.range(0, writes.micros().size())
                .mapToObj(i -> (i + 1) + "," + writes.micros().get(i)).collect(Collectors.joining("\n")) + "\n");
        boolean decided = writes.stoppedBySlowWrites();
        if (writes.micros().size() < count && !decided) {
            throw new PlatformException("only " + writes.micros().size() + " of " + count + " synced writes completed"
                    + " within the budget of " + budget.toSeconds() + " s");
        }
        LatencyStats stats = LatencyStats.ofMicros(writes.micros());
        evidence.attachSvg("synced write latency", stats.chart(SYNCED_WRITE_BYTES / 1024 + " KiB write + fsync on the volume",
                slow.toNanos() / 1e6));
        String detail = stats.summary() + ", " + SYNCED_WRITE_BYTES / 1024 + " KiB each + fsync"
                + (decided ? "; stopped after " + writes.micros().size() + " of " + count + " writes: " + decidingSlowSamples
                + " took longer than " + Threshold.format(threshold.value(), threshold.unit())
                + ", so the p99 of all " + count + " exceeds it whatever the rest" : "");
        criterion.check("fsync-write-latency-p99", stats.p99Millis(), detail);
    }
}
