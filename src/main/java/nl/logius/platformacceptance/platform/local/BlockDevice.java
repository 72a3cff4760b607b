package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.platform.PlatformException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The block device (a whole disk, as block I/O limits need) that holds a folder of this machine, found
 * through {@code st_dev} and {@code /sys/dev/block}. The local platform uses it to throttle its
 * instances' writes to the disk under Docker's data root.
 *
 * @param major the device's major number
 * @param minor the device's minor number
 * @param path  its node, e.g. {@code /dev/vda}
 */
record BlockDevice(int major, int minor, Path path) {

    private static final Path SYS_DEV_BLOCK = Path.of("/sys/dev/block");

    /** The disk that holds {@code folder}. */
    static BlockDevice holding(Path folder) {
        long dev;
        try {
            dev = ((Number) Files.getAttribute(folder, "unix:dev")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new PlatformException("cannot tell which disk holds " + folder + ": " + e.getMessage(), e);
        }
        Path device = SYS_DEV_BLOCK.resolve(major(dev) + ":" + minor(dev));
        if (!Files.isDirectory(device)) {
            throw new PlatformException(folder + " is on device " + major(dev) + ":" + minor(dev)
                    + ", which is not a block device (a network or virtual file system): its I/O cannot be throttled");
        }
        try {
            Path disk = device.toRealPath();
            // Limits apply to whole disks: a partition's disk is the folder above it in sysfs.
            if (Files.exists(disk.resolve("partition"))) {
                disk = disk.getParent();
            }
            String[] numbers = Files.readString(disk.resolve("dev")).strip().split(":");
            String name = devName(Files.readString(disk.resolve("uevent")))
                    .orElse(disk.getFileName().toString());
            return new BlockDevice(Integer.parseInt(numbers[0]), Integer.parseInt(numbers[1]), Path.of("/dev", name));
        } catch (IOException | RuntimeException e) {
            throw new PlatformException("cannot read the block device of " + folder + " from " + device + ": " + e, e);
        }
    }

    /** The major number in a Linux {@code dev_t}, as glibc's {@code major()} computes it. */
    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    /** The minor number in a Linux {@code dev_t}, as glibc's {@code minor()} computes it. */
    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }

    /** {@code DEVNAME=vda} in a sysfs {@code uevent} file. */
    static Optional<String> devName(String uevent) {
        return uevent.lines().filter(line -> line.startsWith("DEVNAME=")).map(line -> line.substring("DEVNAME=".length()).strip())
                .filter(name -> !name.isEmpty()).findFirst();
    }

    @Override
    public String toString() {
        return path + " (" + major + ":" + minor + ")";
    }
}
