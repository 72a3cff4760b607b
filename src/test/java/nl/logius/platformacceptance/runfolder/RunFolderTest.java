package nl.logius.platformacceptance.runfolder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunFolderTest {

    @Test
    void runs_started_in_the_same_second_get_their_own_folders(@TempDir Path root) {
        Instant now = Instant.parse("2026-11-29T14:16:05Z");
        RunFolder first = RunFolder.create(root, "r1", now);
        RunFolder second = RunFolder.create(root, "r1", now);
        assertThat(first.path()).isNotEqualTo(second.path());
        assertThat(first.runId()).startsWith("20261129T141605Z-");
    }

    @Test
    void a_run_folder_looks_incomplete_until_the_run_completes(@TempDir Path root) {
        RunFolder folder = RunFolder.create(root, "r1", Instant.now());
        assertThat(folder.path().resolve(RunFolder.INCOMPLETE_MARKER)).exists();
        folder.complete();
        assertThat(folder.path().resolve(RunFolder.INCOMPLETE_MARKER)).doesNotExist();
    }

    @Test
    void evidence_is_written_once_never_overwritten(@TempDir Path root) throws Exception {
        RunFolder folder = RunFolder.create(root, "r1", Instant.now());
        folder.writeOnce("verdicts.json", "{}");
        assertThatThrownBy(() -> folder.writeOnce("verdicts.json", "{\"forged\":true}")).isInstanceOf(UncheckedIOException.class);
        assertThat(Files.readString(folder.path().resolve("verdicts.json"))).isEqualTo("{}");
    }

    @Test
    void a_release_label_cannot_escape_the_reports_folder(@TempDir Path parent) throws IOException {
        Path root = parent.resolve("reports");
        assertThatThrownBy(() -> RunFolder.create(root, "../../etc", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain folder name");
        try (var created = Files.list(parent)) {
            assertThat(created).isEmpty();
        }
    }
}
