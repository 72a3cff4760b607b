package nl.logius.platformacceptance.suites.storage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DataIntegrityCheckTest {

    @Test
    void file_sizes_cover_every_size_class_and_add_up_to_the_total_exactly() {
        long kib = 1024;
        List<Long> sizes = DataIntegrityCheck.fileSizes(4 * kib, 64 * kib * 1024, 256 * kib * 1024);
        assertThat(sizes.stream().mapToLong(Long::longValue).sum()).isEqualTo(256L << 20);
        assertThat(sizes).contains(4 * kib, 8 * kib, 64L << 20).allMatch(s -> s >= 4 * kib && s <= 64L << 20);
    }
}
