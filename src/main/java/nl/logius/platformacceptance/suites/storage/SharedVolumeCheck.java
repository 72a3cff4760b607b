package nl.logius.platformacceptance.suites.storage;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.measure.LatencyStats;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient.ContentSeen;
import nl.logius.platformacceptance.platform.ProbeClient.FileWritten;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * KP-STO-05 — Shared volume inconsistent between instances.
 *
 * <p>The platform MUST let every instance that mounts a shared volume read a file that another instance
 * wrote and fsync'ed, with exactly the written content, within the criterion's time, in every one of the
 * criterion's rounds. Each round writes new content (64 KiB of random data) to the same file, so that old
 * content counts as inconsistent; the two instances take turns as writer and reader.
 *
 * <p>The time of a round is measured by the reader: once the writer has answered that its fsync is done,
 * the reader reads the file again and again until it has the new content, and counts from its first read.
 * (The round trip through the harness between the two, tens of milliseconds, is the harness's and not the
 * platform's; the evidence shows it too.) The check stops at the first round that is not read in time: the
 * criterion wants all of them.
 *
 * <p>On the local platform both instances mount the same named volume of one machine's file system, where a
 * write is visible at once; what the check guards against (caching in network file systems behind shared
 * volumes) exists on real platforms only. The local injection gives each instance a volume of its own.
 */
@Verifies("KP-STO-05")
class SharedVolumeCheck {

    private static final String MOUNT = "/shared";
    private static final String FILE = MOUNT + "/handover.bin";
    private static final long FILE_BYTES = 64 * 1024;
    /** How long past the criterion's time the reader keeps trying, to tell late from never. */
    private static final Duration PAST_THE_DEADLINE = Duration.ofMillis(500);

    @PlatformCheck
    void a_file_written_by_one_instance_reads_identically_on_another_in_time(Tenant tenant, Criterion criterion,
                                                                              Evidence evidence) {
        int rounds = criterion.count("rounds");
        Duration deadline = criterion.duration("visibility-time-max");
        Volume volume = evidence.step("Provision a volume that instances share",
                () -> tenant.createVolume(VolumeSpec.of("shared", 64L << 20).sharedByInstances()));
        Workload workload = evidence.step("Deploy probe x2 that both mount it at " + MOUNT,
                () -> tenant.deploy(WorkloadSpec.probe("handover").instances(2).mount(volume, MOUNT)));
        evidence.step("Wait until both are ready", () -> workload.awaitReady(2, Deadlines.TOOL_WORKLOAD_READY));
        List<Instance> instances = workload.instances();
        FreeSpace.require(instances.get(0), MOUNT, FILE_BYTES, evidence);
        // The probe's first read loads its code (hundreds of ms): that is the harness's cost, not the platform's.
        evidence.step("Warm up the readers: each instance looks for the file once", () -> instances.forEach(
                instance -> instance.probe().awaitContent(FILE, "none", Duration.ZERO)));

        List<Round> done = new ArrayList<>();
        evidence.step("Hand a file over " + rounds + " times, writers taking turns; each read within "
                + deadline.toMillis() + " ms", () -> {
            for (int round = 1; round <= rounds; round++) {
                Instance writer = instances.get(round % 2);
                Instance reader = instances.get((round + 1) % 2);
                Round result = handOver(round, writer, reader, deadline.plus(PAST_THE_DEADLINE));
                done.add(result);
                if (!result.seen.matched()) {
                    break;
                }
            }
        });
        evidence.attachJson("rounds", done.stream().map(Round::asMap).toList());
        LatencyStats stats = LatencyStats.ofMicros(done.stream().map(round -> round.visibleAfter.toNanos() / 1_000).toList());
        evidence.attachSvg("time until the other instance read the new content",
                stats.chart("Write + fsync on one instance until the other reads it", deadline.toNanos() / 1e6));

        long consistent = done.stream().filter(round -> round.seen.matched() && round.visibleAfter.compareTo(deadline) <= 0).count();
        Duration longest = done.stream().map(round -> round.visibleAfter).max(Duration::compareTo).orElseThrow();
        Round last = done.get(done.size() - 1);
        String failure = last.seen.matched() ? "" : "; round " + last.number + ": " + last.reader + " did not read what "
                + last.writer + " wrote within " + (deadline.plus(PAST_THE_DEADLINE).toMillis()) + " ms (it read "
                + (last.seen.lastSha256().equals("absent") ? "no such file" : "other content") + "); stopped there";
        String times = done.size() == 1 ? "1 round" : done.size() + " rounds: " + stats.summary();
        criterion.check("visibility-time-max", longest, times + failure);
        criterion.check("consistent-reads", 100d * consistent / rounds, consistent + " of " + rounds
                + " rounds read identically in time" + failure);
    }

    private static Round handOver(int number, Instance writer, Instance reader, Duration budget) {
        FileWritten written = writer.probe().write(FILE, FILE_BYTES, true, number);
        long fsynced = System.nanoTime();
        ContentSeen seen = reader.probe().awaitContent(FILE, written.sha256(), budget);
        return new Round(number, writer.name(), reader.name(), seen, Duration.ofNanos(seen.micros() * 1_000),
                Duration.ofNanos(System.nanoTime() - fsynced));
    }

    /**
     * One hand-over: who wrote, who read, whether and when the reader saw the new content.
     *
     * @param visibleAfter  from the reader's first read to its read of the new content
     * @param throughHarness from the writer's answer to the reader's, as the harness saw it
     */
    private record Round(int number, String writer, String reader, ContentSeen seen, Duration visibleAfter,
                         Duration throughHarness) {
        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("round", number);
            map.put("writer", writer);
            map.put("reader", reader);
            map.put("matched", seen.matched());
            map.put("visibleAfterMs", millis(visibleAfter));
            map.put("reads", seen.reads());
            map.put("throughHarnessMs", millis(throughHarness));
            return map;
        }

        private static String millis(Duration duration) {
            return String.format(Locale.ROOT, "%.1f", duration.toNanos() / 1e6);
        }
    }
}
