package nl.logius.platformacceptance.platform.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlockDeviceTest {

    @Test
    void major_and_minor_come_from_a_linux_dev_t() {
        long vda = (254L << 8) | 0;
        assertThat(BlockDevice.major(vda)).isEqualTo(254);
        assertThat(BlockDevice.minor(vda)).isEqualTo(0);
        long nvme0n1p2 = (259L << 8) | 2;
        assertThat(BlockDevice.major(nvme0n1p2)).isEqualTo(259);
        assertThat(BlockDevice.minor(nvme0n1p2)).isEqualTo(2);
        // Minors above 255 live in the high bits (glibc's encoding).
        long bigMinor = ((300L & ~0xffL) << 12) | (300L & 0xff) | (8L << 8);
        assertThat(BlockDevice.major(bigMinor)).isEqualTo(8);
        assertThat(BlockDevice.minor(bigMinor)).isEqualTo(300);
    }

    @Test
    void the_device_name_comes_from_uevent() {
        assertThat(BlockDevice.devName("MAJOR=254\nMINOR=0\nDEVNAME=vda\nDEVTYPE=disk\n")).contains("vda");
        assertThat(BlockDevice.devName("MAJOR=254\nMINOR=0\n")).isEmpty();
    }
}
