package nl.logius.platformacceptance.probe.workload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /http/echo-check?url=http://web:8080/echo&sizes=1024,65536&repetitions=5&timeoutMs=30000}: sends
 * payloads of random bytes to another workload's {@code /echo} from inside the platform and compares the
 * SHA-256 of what came back with that of what was sent, one connection per echo. The payload is sent while
 * the answer is read (the echo streams it back), so a payload larger than the socket buffers cannot
 * deadlock. A connection cut in the middle is reported with the bytes that did arrive.
 */
final class EchoCheckHandler implements Handler {

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private final ExecutorService writers = Executors.newCachedThreadPool(DaemonThreads.named("echo-writer"));

    @Override
    public void handle(Exchange exchange) throws IOException {
        URI url = URI.create(exchange.param("url"));
        long repetitions = exchange.longParam("repetitions", 1);
        int timeoutMillis = (int) exchange.longParam("timeoutMs", 30_000);
        long seed = exchange.longParam("seed", System.nanoTime());
        List<Map<String, Object>> results = new ArrayList<>();
        int index = 0;
        for (String size : exchange.param("sizes").split(",")) {
            long bytes = Long.parseLong(size.strip());
            for (int repetition = 1; repetition <= repetitions; repetition++) {
                results.add(echo(url, bytes, repetition, seed + index++, timeoutMillis));
            }
        }
        exchange.json(200, Map.of("url", url.toString(), "results", results));
    }

    private Map<String, Object> echo(URI url, long bytes, int repetition, long seed, int timeoutMillis) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bytes", bytes);
        result.put("repetition", repetition);
        MessageDigest received = sha256();
        long[] receivedBytes = {0};
        long start = System.nanoTime();
        Future<String> sent = null;
        Upstream upstream = Upstream.of(url);
        try (Socket socket = upstream.connect(CONNECT_TIMEOUT_MILLIS)) {
            socket.setSoTimeout(timeoutMillis);
            result.put("address", socket.getInetAddress().getHostAddress());
            OutputStream out = socket.getOutputStream();
            sent = writers.submit(() -> send(out, upstream, url, bytes, seed));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            ResponseReader.Head head = ResponseReader.readHead(in);
            result.put("status", head.status());
            result.put("instance", head.header(ProbeIdentity.INSTANCE_HEADER));
            ResponseReader.readBody(in, head, (buffer, length) -> {
                received.update(buffer, 0, length);
                receivedBytes[0] += length;
            });
            result.put("sentSha256", sent.get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (IOException e) {
            result.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (ExecutionException e) {
            result.put("error", "sending failed: " + e.getCause());
        } catch (TimeoutException e) {
            result.put("error", "sending did not finish within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.put("error", "interrupted");
        } finally {
            if (sent != null) {
                sent.cancel(true);
            }
        }
        result.putIfAbsent("sentSha256", sha256Of(bytes, seed));
        String receivedSha256 = HexFormat.of().formatHex(received.digest());
        result.put("receivedBytes", receivedBytes[0]);
        result.put("receivedSha256", receivedSha256);
        result.put("identical", receivedSha256.equals(result.get("sentSha256")) && receivedBytes[0] == bytes
                && !result.containsKey("error"));
        result.put("micros", (System.nanoTime() - start) / 1_000);
        return result;
    }

    /** Writes the request with its payload; returns the payload's SHA-256. */
    private static String send(OutputStream out, Upstream upstream, URI url, long bytes, long seed) throws IOException {
        out.write(("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + upstream.authority()
                + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bytes
                + "\r\nConnection: close\r\nUser-Agent: platform-acceptance-probe\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String sha256 = writePayload(out, bytes, seed);
        out.flush();
        return sha256;
    }

    /** The SHA-256 of a payload without sending it (when sending failed part way). */
    private static String sha256Of(long bytes, long seed) {
        try {
            return writePayload(OutputStream.nullOutputStream(), bytes, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("a null stream does not fail", e);
        }
    }

    /** Writes the payload of {@code seed} to {@code out}, {@code bytes} long; returns its SHA-256. */
    private static String writePayload(OutputStream out, long bytes, long seed) throws IOException {
        MessageDigest digest = sha256();
        Payload payload = new Payload(seed);
        byte[] buffer = new byte[WRITE_BUFFER_BYTES];
        for (long left = bytes; left > 0; ) {
            int length = (int) Math.min(buffer.length, left);
            payload.fill(buffer, length);
            digest.update(buffer, 0, length);
            out.write(buffer, 0, length);
            left -= length;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random bytes that a seed reproduces. */
    private static final class Payload {
        private final SplittableRandom random;

        Payload(long seed) {
            this.random = new SplittableRandom(seed);
        }

        void fill(byte[] buffer, int length) {
            for (int i = 0; i < length; i += 8) {
                long value = random.nextLong();
                for (int b = 0; b < 8 && i + b < length; b++) {
                    buffer[i + b] = (byte) (value >>> (8 * b));
                }
            }
        }
    }
}
