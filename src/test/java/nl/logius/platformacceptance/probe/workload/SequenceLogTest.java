package nl.logius.platformacceptance.probe.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SequenceLogTest {

    @TempDir
    Path volume;

    @Test
    void a_write_is_in_the_file_when_append_returns() throws Exception {
        Path file = volume.resolve("writes.log");
        try (SequenceLog log = new SequenceLog(file, 0)) {
            log.append(1);
            log.append(2);

            assertThat(Files.readAllLines(file)).containsExactly("1", "2");
            assertThat(log.read()).isEqualTo(new SequenceLog.Contents(List.of(1L, 2L), 0, 0));
        }
    }

    @Test
    void writing_behind_keeps_acknowledged_writes_in_memory_so_a_crash_loses_them() throws Exception {
        Path file = volume.resolve("writes.log");
        SequenceLog log = new SequenceLog(file, 60_000);
        log.append(1);
        log.append(2);

        assertThat(log.read().sequences()).containsExactly(1L, 2L);
        assertThat(log.read().notYetWritten()).isEqualTo(2);
        log.close(); // the process dies: what was in memory is gone
        try (SequenceLog replacement = new SequenceLog(file, 0)) {
            assertThat(replacement.read().sequences()).isEmpty();
        }
    }

    @Test
    void writing_behind_reaches_the_file_after_the_delay() throws Exception {
        Path file = volume.resolve("writes.log");
        try (SequenceLog log = new SequenceLog(file, 200)) {
            log.append(7);

            await("write 7 in the file").atMost(Duration.ofSeconds(5))
                    .until(() -> Files.exists(file) && Files.readAllLines(file).contains("7"));
            assertThat(log.read().notYetWritten()).isZero();
        }
    }

    @Test
    void a_line_torn_by_a_crash_is_counted_apart_and_acknowledged_nothing() throws Exception {
        Path file = volume.resolve("writes.log");
        Files.writeString(file, "1\n2\n3", StandardCharsets.US_ASCII); // 35 was being written when it crashed
        try (SequenceLog log = new SequenceLog(file, 0)) {
            log.append(4);

            assertThat(log.read()).isEqualTo(new SequenceLog.Contents(List.of(1L, 2L, 4L), 1, 0));
            assertThat(Files.readAllLines(file)).containsExactly("1", "2", "3!torn", "4");
        }
    }
}
