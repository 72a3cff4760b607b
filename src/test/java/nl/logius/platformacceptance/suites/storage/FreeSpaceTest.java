package nl.logius.platformacceptance.suites.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreeSpaceTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void data_that_fits_with_the_reserve_to_spare_may_be_written() {
        assertThat(FreeSpace.shortfall(256 * MIB, 80 * GIB, 252 * GIB)).isEmpty();
        assertThat(FreeSpace.shortfall(256 * MIB, 480 * MIB, 512 * MIB)).isEmpty();
    }

    @Test
    void data_that_would_eat_into_the_reserve_is_refused_with_the_numbers() {
        assertThat(FreeSpace.shortfall(256 * MIB, 12 * GIB, 252 * GIB)).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("the check writes 256 MiB and keeps 12.6 GiB (5 % of 252 GiB) free, but only 12 GiB are usable"));
        assertThat(FreeSpace.shortfall(256 * MIB, 200 * MIB, 512 * MIB)).isPresent();
    }

    @Test
    void sizes_read_in_mebibytes_and_from_one_gibibyte_in_gibibytes() {
        assertThat(FreeSpace.mebibytes(64 * 1024)).isEqualTo("0.063 MiB");
        assertThat(FreeSpace.mebibytes(256 * MIB)).isEqualTo("256 MiB");
        assertThat(FreeSpace.mebibytes(GIB)).isEqualTo("1 GiB");
    }
}
