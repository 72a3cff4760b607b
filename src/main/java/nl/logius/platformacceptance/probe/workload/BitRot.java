package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An injected fault, not a measurement: run as {@code PROBE_MODE=bit-rot} beside a volume, it flips one
 * byte in the middle of every file once the file has stopped changing, as failing storage would. It
 * reproduces KP-STO-02 (data read back differs from data written) on the local platform.
 */
final class BitRot {

    private static final long SCAN_MILLIS = 100;

    private final Path root;
    private final Map<Path, String> lastSeen = new HashMap<>();
    private final Set<String> flipped = new HashSet<>();

    BitRot(Path root) {
        this.root = root;
    }

    void run() {
        System.out.println("bit rot: flipping a byte in every file written under " + root);
        while (!Thread.currentThread().isInterrupted()) {
            scan();
            Pause.millis(SCAN_MILLIS);
        }
    }

    private void scan() {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            return;
        }
        for (Path file : files) {
            try {
                String state = Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
                String previous = lastSeen.put(file, state);
                // A file unchanged since the last scan is written; flip it once per version of it.
                if (state.equals(previous) && Files.size(file) > 0 && flipped.add(file + "#" + state)) {
                    flip(file);
                    lastSeen.put(file, Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis());
                    flipped.add(file + "#" + lastSeen.get(file));
                }
            } catch (IOException e) {
                lastSeen.remove(file);
            }
        }
    }

    private static void flip(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long offset = raf.length() / 2;
            raf.seek(offset);
            int value = raf.read();
            raf.seek(offset);
            raf.write(value ^ 0x01);
            raf.getFD().sync();
        }
    }
}
