package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark of KP-STO-04's measurement: the sequential write throughput the probe reports (what the
 * check compares with its threshold) against {@code dd bs=1M oflag=direct} on the same named volume, in
 * the same test, interleaved so that both see the same machine. dd runs on this host against the
 * volume's mount point (the engine runs here), the probe inside its container. The machine is shared:
 * the medians of several rounds are compared, and the order of the two alternates between rounds.
 *
 * <p>A benchmark, so it runs only when asked:
 * {@code mvn verify -Dit.test=StorageThroughputBenchmarkIT -Dplatform-acceptance.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "platform-acceptance.benchmark", matches = "true")
class StorageThroughputBenchmarkIT {

    private static final long BYTES = 256L << 20;
    private static final int ROUNDS = 9;
    private static final Pattern DD_SECONDS = Pattern.compile("copied, ([0-9.]+) s");

    @Test
    void probe_sequential_write_is_within_20_percent_of_dd_direct_on_the_same_volume() throws Exception {
        LocalPlatform platform = new LocalPlatform(List.of("zone-a"), Set.of());
        Ownership owner = Ownership.of("it-" + System.currentTimeMillis(), "StorageThroughputBenchmarkIT", java.time.Instant.now().plus(java.time.Duration.ofHours(1)));
        List<Double> probe = new ArrayList<>();
        List<Double> ddDirect = new ArrayList<>();
        List<Double> ddFdatasync = new ArrayList<>();
        try (Tenant tenant = platform.createTenant(owner, "bench")) {
            LocalVolume volume = (LocalVolume) tenant.createVolume(VolumeSpec.of("bench", 2 * BYTES));
            Workload bench = tenant.deploy(WorkloadSpec.probe("bench").mount(volume, "/data"));
            bench.awaitReady(1, Duration.ofSeconds(60));
            ProbeClient client = bench.instance(0).probe();
            Path mountpoint = Path.of(platform.docker().inspectVolumeCmd(volume.dockerName()).exec().getMountpoint());
            for (int round = 0; round < ROUNDS; round++) {
                if (round % 2 == 0) {
                    probe.add(probeMibPerSecond(client));
                    ddDirect.add(dd(mountpoint.resolve("dd.bin"), "oflag=direct"));
                } else {
                    ddDirect.add(dd(mountpoint.resolve("dd.bin"), "oflag=direct"));
                    probe.add(probeMibPerSecond(client));
                }
                ddFdatasync.add(dd(mountpoint.resolve("dd.bin"), "conv=fdatasync"));
            }
        }
        double probeMedian = median(probe);
        double ddMedian = median(ddDirect);
        System.out.printf(Locale.ROOT, "probe (O_DIRECT + fsync) MiB/s: %s median %.0f%n", probe, probeMedian);
        System.out.printf(Locale.ROOT, "dd oflag=direct MiB/s:          %s median %.0f%n", ddDirect, ddMedian);
        System.out.printf(Locale.ROOT, "dd conv=fdatasync MiB/s:        %s median %.0f%n", ddFdatasync, median(ddFdatasync));
        System.out.printf(Locale.ROOT, "probe / dd oflag=direct: %.2f%n", probeMedian / ddMedian);
        assertThat(platform.removeRun(owner.runId())).isZero();
        assertThat(probeMedian / ddMedian).isBetween(0.8, 1.2);
    }

    /** MiB/s as the check computes it from the probe's answer. */
    private static double probeMibPerSecond(ProbeClient client) {
        ProbeClient.SequentialWrite write = client.sequentialWrite("/data/probe.bin", BYTES, Duration.ofMinutes(5));
        client.delete("/data/probe.bin");
        assertThat(write.direct()).isTrue();
        return write.bytesWritten() / (double) (1L << 20) / (write.micros() / 1e6);
    }

    /** MiB/s of {@code dd if=/dev/zero of=file bs=1M count=256 <flag>}, read from dd's own report. */
    private static double dd(Path file, String flag) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("dd", "if=/dev/zero", "of=" + file, "bs=1M", "count=" + (BYTES >> 20), flag)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        Files.deleteIfExists(file);
        Matcher seconds = DD_SECONDS.matcher(output);
        assertThat(seconds.find()).as(output).isTrue();
        return BYTES / (double) (1L << 20) / Double.parseDouble(seconds.group(1));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
