package nl.logius.platformacceptance.probe.workload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code GET /http/keepalive?url=http://web:8080/connection&idleMs=15000,60000&timeoutMs=2000}: whether a
 * keep-alive connection survives being idle. For each idle time, at the same time, one connection: a first
 * request, then nothing for the idle time while watching the connection, then a second request on the same
 * connection. The server names the connection it saw ({@code X-Probe-Peer}), so "the same connection
 * served" is established by both ends, not assumed. A connection that the network closes while idle is
 * seen at once (end of stream or reset), and how long it had been idle is reported; one that is dropped
 * silently shows as a second request that fails.
 */
final class KeepAliveHandler implements Handler {

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private final ExecutorService connections = Executors.newCachedThreadPool(DaemonThreads.named("keepalive"));

    @Override
    public void handle(Exchange exchange) throws IOException {
        URI url = URI.create(exchange.param("url"));
        int timeoutMillis = (int) exchange.longParam("timeoutMs", 2_000);
        List<Future<Map<String, Object>>> running = new ArrayList<>();
        for (String idle : exchange.param("idleMs").split(",")) {
            long idleMillis = Long.parseLong(idle.strip());
            running.add(connections.submit(() -> holdIdle(url, idleMillis, timeoutMillis)));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Future<Map<String, Object>> result : running) {
            try {
                results.add(result.get());
            } catch (ExecutionException e) {
                throw new IOException("keep-alive measurement failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        exchange.json(200, Map.of("url", url.toString(), "results", results));
    }

    private static Map<String, Object> holdIdle(URI url, long idleMillis, int timeoutMillis) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("idleMs", idleMillis);
        Upstream upstream = Upstream.of(url);
        try (Socket socket = upstream.connect(CONNECT_TIMEOUT_MILLIS)) {
            result.put("localPort", socket.getLocalPort());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            socket.setSoTimeout(timeoutMillis);
            String firstPeer = request(out, in, upstream, url);
            result.put("firstPeer", firstPeer);
            long idleStart = System.nanoTime();
            Long closedAfter = watchIdle(socket, in, idleMillis);
            if (closedAfter != null) {
                result.put("closedAfterMs", closedAfter);
                result.put("secondServed", false);
                result.put("sameConnection", false);
                return result;
            }
            result.put("idledMs", (System.nanoTime() - idleStart) / 1_000_000);
            socket.setSoTimeout(timeoutMillis);
            try {
                String secondPeer = request(out, in, upstream, url);
                result.put("secondServed", true);
                result.put("secondPeer", secondPeer);
                result.put("sameConnection", firstPeer != null && firstPeer.equals(secondPeer));
            } catch (IOException e) {
                result.put("secondServed", false);
                result.put("sameConnection", false);
                result.put("error", "second request on the idle connection: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        } catch (IOException e) {
            result.put("error", "first request: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return result;
    }

    /**
     * Idles on the connection for {@code idleMillis}, reading: nothing may arrive. An end of stream or a
     * reset means the connection was closed while idle.
     *
     * @return after how many milliseconds of idle the connection was closed, or null if it stayed open
     */
    private static Long watchIdle(Socket socket, InputStream in, long idleMillis) throws IOException {
        long start = System.nanoTime();
        long end = start + idleMillis * 1_000_000;
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                int read = in.read();
                if (read >= 0) {
                    throw new IOException("the server sent data on an idle connection");
                }
                return (System.nanoTime() - start) / 1_000_000;
            } catch (SocketTimeoutException e) {
                // still idle and open: keep watching until the idle time is over
            } catch (java.net.SocketException e) {
                return (System.nanoTime() - start) / 1_000_000;
            }
        }
        return null;
    }

    /** One keep-alive GET; returns the peer the server saw. */
    private static String request(OutputStream out, InputStream in, Upstream upstream, URI url) throws IOException {
        out.write(("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + upstream.authority()
                + "\r\nConnection: keep-alive\r\nUser-Agent: platform-acceptance-probe\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ResponseReader.Head head = ResponseReader.readHead(in);
        ResponseReader.readBody(in, head, (buffer, length) -> { });
        if (head.status() != 200) {
            throw new IOException("HTTP " + head.status());
        }
        return head.header(ConnectionHandler.PEER_HEADER);
    }
}
