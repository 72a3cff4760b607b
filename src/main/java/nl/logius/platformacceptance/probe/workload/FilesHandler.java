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
        SplittableRandom random = new SplittableRandom(exchange.longParam("seed", System.nanoTime()));
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
        exchange.json(200, result);
    }

    private void checksum(Exchange exchange) throws IOException {
        Path path = Path.of(exchange.param("path"));
        MessageDigest sha256 = sha256();
        long size = 0;
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] block = new byte[BLOCK];
            for (int read = in.read(block); read >= 0; read = in.read(block)) {
                sha256.update(block, 0, read);
                size += read;
            }
        } catch (NoSuchFileException e) {
            exchange.json(404, Map.of("error", "no file " + path, "path", path.toString()));
            return;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", path.toString());
        result.put("bytes", size);
        result.put("sha256", HexFormat.of().formatHex(sha256.digest()));
        result.put("micros", (System.nanoTime() - start) / 1_000);
        exchange.json(200, result);
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
