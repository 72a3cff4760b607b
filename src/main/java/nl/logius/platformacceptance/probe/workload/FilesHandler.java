package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * File I/O on a mounted volume, done inside the platform:
 * <ul>
 *   <li>{@code POST /files/write?path=/data/a.bin&bytes=1048576&fsync=true&seed=7} — random bytes, SHA-256
 *       computed while writing; with fsync the answer comes only after the data is durable</li>
 *   <li>{@code GET /files/checksum?path=/data/a.bin} — SHA-256 and size as read back (404 when absent)</li>
 *   <li>{@code GET /files/list?dir=/data} — names and sizes</li>
 *   <li>{@code POST /files/delete?path=/data/a.bin}</li>
 *   <li>{@code POST /files/write-many?dir=/data&prefix=f-&count=50&bytes=65536&seed=1} — {@code count} files of
 *       random bytes, each fsync'ed, then the folder fsync'ed (so that the new names are durable too); answers
 *       the list of files written, as {@code /files/write} answers one</li>
 *   <li>{@code GET /files/checksums?dir=/data} — SHA-256 and size of every file in the folder</li>
 * </ul>
 */
final class FilesHandler implements Handler {

    private static final int BLOCK = 1 << 20;

    @Override
    public void handle(Exchange exchange) throws IOException {
        switch (exchange.path()) {
            case "/files/write" -> write(exchange);
            case "/files/checksum" -> checksum(exchange);
            case "/files/list" -> list(exchange);
            case "/files/write-many" -> writeMany(exchange);
            case "/files/checksums" -> checksums(exchange);
            case "/files/delete" -> {
                boolean deleted = Files.deleteIfExists(Path.of(exchange.param("path")));
                exchange.json(200, Map.of("deleted", deleted));
            }
            default -> exchange.json(404, Map.of("error", "no endpoint " + exchange.path()));
        }
    }

    private void write(Exchange exchange) throws IOException {
        Path path = Path.of(exchange.param("path"));
        long bytes = exchange.longParam("bytes", 4096);
        boolean fsync = exchange.booleanParam("fsync", true);
        exchange.json(200, writeRandom(path, bytes, fsync, exchange.longParam("seed", System.nanoTime())));
    }

    private void writeMany(Exchange exchange) throws IOException {
        Path dir = Path.of(exchange.param("dir"));
        String prefix = exchange.param("prefix", "file-");
        long count = exchange.longParam("count", 1);
        long bytes = exchange.longParam("bytes", 4096);
        long seed = exchange.longParam("seed", System.nanoTime());
        List<Map<String, Object>> files = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            files.add(writeRandom(dir.resolve(prefix + i + ".bin"), bytes, true, seed + i));
        }
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        }
        exchange.json(200, Map.of("dir", dir.toString(), "files", files));
    }

    private void checksums(Exchange exchange) throws IOException {
        Path dir = Path.of(exchange.param("dir"));
        List<Map<String, Object>> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path file : entries.filter(Files::isRegularFile).sorted().toList()) {
                files.add(checksumOf(file));
            }
        }
        exchange.json(200, Map.of("dir", dir.toString(), "files", files));
    }

    /** Writes random bytes (from {@code seed}) to {@code path}; answers its size, SHA-256 and write time. */
    static Map<String, Object> writeRandom(Path path, long bytes, boolean fsync, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        MessageDigest sha256 = sha256();
        long start = System.nanoTime();
        Files.createDirectories(path.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] block = new byte[(int) Math.min(BLOCK, Math.max(bytes, 1))];
            for (long written = 0; written < bytes; ) {
                int size = (int) Math.min(block.length, bytes - written);
                random.nextBytes(block);
                sha256.update(block, 0, size);
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, size);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                written += size;
            }
            if (fsync) {
                channel.force(true);
            }
        }
        long micros = (System.nanoTime() - start) / 1_000;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", path.toString());
        result.put("bytes", bytes);
        result.put("sha256", HexFormat.of().formatHex(sha256.digest()));
        result.put("micros", micros);
        result.put("fsync", fsync);
        return result;
    }

    private void checksum(Exchange exchange) throws IOException {
        Path path = Path.of(exchange.param("path"));
        try {
            exchange.json(200, checksumOf(path));
        } catch (NoSuchFileException e) {
            exchange.json(404, Map.of("error", "no file " + path, "path", path.toString()));
        }
    }

    /** The size and SHA-256 of a file as read back now. */
    static Map<String, Object> checksumOf(Path path) throws IOException {
        MessageDigest sha256 = sha256();
        long size = 0;
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] block = new byte[BLOCK];
            for (int read = in.read(block); read >= 0; read = in.read(block)) {
                sha256.update(block, 0, read);
                size += read;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", path.toString());
        result.put("bytes", size);
        result.put("sha256", HexFormat.of().formatHex(sha256.digest()));
        result.put("micros", (System.nanoTime() - start) / 1_000);
        return result;
    }

    private void list(Exchange exchange) throws IOException {
        Path dir = Path.of(exchange.param("dir"));
        List<Map<String, Object>> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = entries.filter(Files::isRegularFile).sorted().map(file -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", file.getFileName().toString());
                try {
                    entry.put("bytes", Files.size(file));
                } catch (IOException e) {
                    entry.put("error", e.toString());
                }
                return entry;
            }).toList();
        }
        exchange.json(200, Map.of("dir", dir.toString(), "files", files));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
