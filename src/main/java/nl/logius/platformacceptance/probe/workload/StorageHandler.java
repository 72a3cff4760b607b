package nl.logius.platformacceptance.probe.workload;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How much room and how much speed the storage under a path gives a workload, measured inside the platform:
 * <ul>
 *   <li>{@code GET /storage/space?path=/data} — total and usable bytes of the file system holding the path
 *       (statvfs), what the workload can still write there</li>
 *   <li>{@code POST /storage/sequential-write?path=/data/seq.bin&bytes=268435456&stopAfterMs=5120} — writes
 *       {@code bytes} sequentially in 1 MiB blocks, then fsyncs; the time runs from opening the file to the
 *       end of the fsync. Where the file system allows it the file is opened with O_DIRECT, so the blocks go
 *       to the storage as they are written and not to the page cache (as {@code dd oflag=direct} does);
 *       otherwise the writes are buffered and the fsync at the end makes them durable. With
 *       {@code stopAfterMs} the write stops once that much time has passed: the caller knows that the
 *       whole write can then no longer reach its threshold.</li>
 *   <li>{@code POST /storage/synced-writes?path=/data/sync.bin&count=500&bytes=4096&slowMicros=50000&stopAfterSlow=6&budgetMs=60000}
 *       — {@code count} appends of {@code bytes} bytes, each followed by fsync; answers the time of every
 *       write-plus-fsync in microseconds. It stops early after {@code stopAfterSlow} samples slower than
 *       {@code slowMicros} (the caller knows its percentile is then decided; {@code stoppedBecause: slow}),
 *       or when the budget ran out ({@code stoppedBecause: budget}).</li>
 * </ul>
 * The data is random, with each 4 KiB page of a sequential write made unique, so that storage which
 * compresses or deduplicates cannot make the writes look faster than they are.
 *
 * <p>Every block of a sequential write is copied fresh into the write buffer from a larger pool of random
 * data, inside the timed loop, as an application copies its data into an I/O buffer and as {@code dd}
 * reads its input into its buffer before each write. Writing the same untouched buffer over and over
 * measured 1.4× what {@code dd oflag=direct} measured on the same volume: on this virtualised disk a
 * write from a buffer the CPU has just filled takes longer (0.73 ms per MiB, the same from dd and from
 * Java) than one from a buffer left as it was (0.60 ms), and only the first is what a workload does.
 */
final class StorageHandler implements Handler {

    private static final int BLOCK = 1 << 20;
    private static final int PAGE = 4096;
    /** Random data the blocks are copied from: larger than the CPU caches, so each copy reads memory. */
    private static final int POOL_BLOCKS = 16;

    @Override
    public void handle(Exchange exchange) throws IOException {
        switch (exchange.path()) {
            case "/storage/space" -> space(exchange);
            case "/storage/sequential-write" -> sequentialWrite(exchange);
            case "/storage/synced-writes" -> syncedWrites(exchange);
            default -> exchange.json(404, Map.of("error", "no endpoint " + exchange.path()));
        }
    }

    private void space(Exchange exchange) throws IOException {
        File path = new File(exchange.param("path"));
        if (!path.exists()) {
            exchange.json(404, Map.of("error", "no such path " + path, "path", path.toString()));
            return;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", path.toString());
        result.put("totalBytes", path.getTotalSpace());
        result.put("usableBytes", path.getUsableSpace());
        exchange.json(200, result);
    }

    private void sequentialWrite(Exchange exchange) throws IOException {
        Path path = Path.of(exchange.param("path"));
        long bytes = exchange.longParam("bytes", 64L * BLOCK);
        long stopAfterNanos = exchange.longParam("stopAfterMs", Long.MAX_VALUE / 1_000_000) * 1_000_000;
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.deleteIfExists(path);
        int alignment = (int) Math.max(PAGE, Files.getFileStore(path.toAbsolutePath().getParent()).getBlockSize());
        ByteBuffer block = ByteBuffer.allocateDirect(BLOCK + alignment).alignedSlice(alignment);
        byte[] pool = new byte[POOL_BLOCKS * BLOCK];
        new SplittableRandom(exchange.longParam("seed", System.nanoTime())).nextBytes(pool);

        long start = System.nanoTime();
        FileChannel opened = openDirect(path);
        boolean direct = opened != null;
        if (!direct) {
            // The file system refuses O_DIRECT: write through the page cache and let the fsync count.
            Files.deleteIfExists(path);
            start = System.nanoTime();
            opened = FileChannel.open(path, options(false));
        }
        long written = 0;
        boolean stopped = false;
        try (FileChannel channel = opened) {
            for (long index = 0; written < bytes; index++) {
                if (System.nanoTime() - start >= stopAfterNanos) {
                    stopped = true;
                    break;
                }
                block.clear();
                block.put(pool, (int) (index % POOL_BLOCKS) * BLOCK, BLOCK);
                stampPages(block, index);
                int size = (int) Math.min(BLOCK, bytes - written);
                // O_DIRECT needs whole pages; a last partial block is rounded up (and counted) to one.
                block.position(0).limit(direct ? roundUp(size, alignment) : size);
                while (block.hasRemaining()) {
                    written += channel.write(block);
                }
            }
            channel.force(true);
        }
        long micros = (System.nanoTime() - start) / 1_000;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", path.toString());
        result.put("bytesRequested", bytes);
        result.put("bytesWritten", written);
        result.put("micros", micros);
        result.put("blockBytes", BLOCK);
        result.put("direct", direct);
        result.put("stoppedEarly", stopped);
        exchange.json(200, result);
    }

    private void syncedWrites(Exchange exchange) throws IOException {
        Path path = Path.of(exchange.param("path"));
        long count = exchange.longParam("count", 500);
        int bytes = (int) exchange.longParam("bytes", PAGE);
        long slowMicros = exchange.longParam("slowMicros", Long.MAX_VALUE);
        long stopAfterSlow = exchange.longParam("stopAfterSlow", Long.MAX_VALUE);
        long budgetNanos = exchange.longParam("budgetMs", 120_000) * 1_000_000;
        Files.createDirectories(path.toAbsolutePath().getParent());
        byte[] data = new byte[bytes];
        SplittableRandom random = new SplittableRandom(exchange.longParam("seed", System.nanoTime()));
        List<Long> samples = new ArrayList<>();
        long slow = 0;
        String stopped = "";
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long i = 0; i < count; i++) {
                if (slow >= stopAfterSlow) {
                    stopped = "slow";
                    break;
                }
                if (System.nanoTime() - start >= budgetNanos) {
                    stopped = "budget";
                    break;
                }
                random.nextBytes(data);
                ByteBuffer buffer = ByteBuffer.wrap(data);
                long t0 = System.nanoTime();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
                long micros = (System.nanoTime() - t0) / 1_000;
                samples.add(micros);
                if (micros > slowMicros) {
                    slow++;
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", path.toString());
        result.put("count", count);
        result.put("bytes", bytes);
        result.put("micros", samples);
        result.put("stoppedBecause", stopped);
        exchange.json(200, result);
    }

    /** The file opened with O_DIRECT, or null when the file system does not allow it. */
    private static FileChannel openDirect(Path path) {
        try {
            return FileChannel.open(path, options(true));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static Set<OpenOption> options(boolean direct) {
        return direct
                ? Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)
                : Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Puts the block's number at the start of each of its pages: every page of the file differs. */
    private static void stampPages(ByteBuffer block, long index) {
        for (int page = 0; page < BLOCK / PAGE; page++) {
            block.putLong(page * PAGE, index * (BLOCK / PAGE) + page);
        }
    }

    private static int roundUp(int size, int alignment) {
        return (size + alignment - 1) / alignment * alignment;
    }
}
