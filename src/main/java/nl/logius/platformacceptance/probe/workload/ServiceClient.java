package nl.logius.platformacceptance.probe.workload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A plain HTTP/1.1 client as a service's client would be: it resolves the service name on every request,
 * tries the addresses in random order until one accepts the connection (as curl and Go do; on Kubernetes
 * there is one address, the Service's), sends one request and reads the whole answer, with deadlines.
 * A refused or unreachable address is not a failed request; a request that was sent and got no good
 * answer is.
 */
final class ServiceClient {

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    ServiceClient(int connectTimeoutMillis, int readTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** The outcome of one request; {@code ok} means HTTP 2xx with a complete body. */
    record Result(long startEpochMicros, long micros, boolean ok, int status, String instance, String version,
                  String address, String error, int bodyBytes) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("t", startEpochMicros);
            map.put("micros", micros);
            map.put("ok", ok);
            map.put("status", status);
            map.put("instance", instance);
            map.put("version", version);
            map.put("address", address);
            map.put("error", error);
            return map;
        }
    }

    Result get(URI uri) {
        return send("GET", uri, address -> { });
    }

    /**
     * One request, {@code GET} or a {@code POST} without a body (a write whose parameters are in the query,
     * {@code /log/append?seq=7}); {@code connected} learns the address that accepted the connection as soon
     * as it did, so a caller that gives up on a hanging request still knows where it hangs.
     */
    Result send(String method, URI uri, Consumer<String> connected) {
        long startEpochMicros = epochMicros();
        long start = System.nanoTime();
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        List<InetAddress> addresses;
        try {
            addresses = new ArrayList<>(Arrays.asList(InetAddress.getAllByName(host)));
        } catch (UnknownHostException e) {
            return failure(startEpochMicros, start, 0, null, "dns: " + e.getMessage());
        }
        Collections.shuffle(addresses);
        String lastConnectError = "no address";
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), connectTimeoutMillis);
            } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
                lastConnectError = "connect " + address.getHostAddress() + ": " + e.getMessage();
                closeQuietly(socket);
                continue;
            } catch (IOException e) {
                lastConnectError = "connect " + address.getHostAddress() + ": " + e;
                closeQuietly(socket);
                continue;
            }
            connected.accept(address.getHostAddress());
            try (socket) {
                return exchange(socket, method, uri, host, port, startEpochMicros, start, address.getHostAddress());
            } catch (IOException e) {
                return failure(startEpochMicros, start, 0, address.getHostAddress(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return failure(startEpochMicros, start, 0, null, lastConnectError);
    }

    private Result exchange(Socket socket, String method, URI uri, String host, int port, long startEpochMicros, long start,
                            String address) throws IOException {
        socket.setSoTimeout(readTimeoutMillis);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        OutputStream out = socket.getOutputStream();
        out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nConnection: close\r\nUser-Agent: platform-acceptance-probe"
                + ("GET".equals(method) ? "" : "\r\nContent-Length: 0") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        ResponseReader.Head head = ResponseReader.readHead(in);
        long bodyBytes = ResponseReader.readBody(in, head, (buffer, length) -> { });
        long micros = (System.nanoTime() - start) / 1_000;
        boolean ok = head.status() >= 200 && head.status() < 300;
        return new Result(startEpochMicros, micros, ok, head.status(), head.header("x-probe-instance"),
                head.header("x-probe-version"), address, ok ? null : "HTTP " + head.status(), (int) bodyBytes);
    }

    private static Result failure(long startEpochMicros, long start, int status, String address, String error) {
        return new Result(startEpochMicros, (System.nanoTime() - start) / 1_000, false, status, null, null, address, error, 0);
    }

    static long epochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do about a socket that would not close
        }
    }
}
