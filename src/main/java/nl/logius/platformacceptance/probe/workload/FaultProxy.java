package nl.logius.platformacceptance.probe.workload;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A TCP proxy that the local platform puts into a network path ({@code PROBE_MODE=proxy}): in front of a
 * service to reproduce a faulty network element (added latency, transfers cut above a size, idle
 * connections cut), or as the HTTPS ingress that terminates TLS in front of a service. Every connection
 * accepted is forwarded to one address of the upstream name that accepts (resolved per connection, so
 * requests spread over the instances behind it); bytes pass unchanged unless a fault says otherwise.
 *
 * <p>Configured by the environment:
 * <ul>
 *   <li>{@code PROBE_PROXY_LISTEN_PORT} (8080), {@code PROBE_PROXY_UPSTREAM} {@code host:port}</li>
 *   <li>{@code PROBE_PROXY_LATENCY_MS}: every chunk waits this long before it is passed on, each direction</li>
 *   <li>{@code PROBE_PROXY_CUT_ABOVE_BYTES}: a connection that has carried this many bytes in one direction
 *       is reset (the bytes up to the limit are passed on)</li>
 *   <li>{@code PROBE_PROXY_IDLE_CUT_MS}: a connection with no bytes either way for this long is reset</li>
 *   <li>{@code PROBE_TLS_DIR}: terminate TLS with {@code key.der} (PKCS#8, RSA or EC) and {@code chain.pem}
 *       (leaf first) from there;
 *       {@code PROBE_TLS_PROTOCOLS} the protocol versions offered (default TLSv1.2,TLSv1.3)</li>
 * </ul>
 * The probe runs on the JDK alone, so TLS is the JDK's own; an older protocol version asked for is
 * re-enabled for this process only (it is an ingress that is meant to be misconfigured).
 */
final class FaultProxy {

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int UPSTREAM_CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final int TLS_HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final long IDLE_SCAN_MILLIS = 100;
    private static final String DEFAULT_TLS_PROTOCOLS = "TLSv1.2,TLSv1.3";

    private final int listenPort;
    private final String upstreamHost;
    private final int upstreamPort;
    private final long latencyNanos;
    private final long cutAboveBytes;
    private final long idleCutNanos;
    private final Path tlsDirectory;
    private final List<String> tlsProtocols;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private ScheduledExecutorService idleScan;
    private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("proxy"));

    FaultProxy(int listenPort, String upstream, long latencyMillis, long cutAboveBytes, long idleCutMillis,
               Path tlsDirectory, List<String> tlsProtocols) {
        int colon = upstream.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("upstream must be host:port, not '" + upstream + "'");
        }
        this.listenPort = listenPort;
        this.upstreamHost = upstream.substring(0, colon);
        this.upstreamPort = Integer.parseInt(upstream.substring(colon + 1));
        this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(latencyMillis);
        this.cutAboveBytes = cutAboveBytes;
        this.idleCutNanos = TimeUnit.MILLISECONDS.toNanos(idleCutMillis);
        this.tlsDirectory = tlsDirectory;
        this.tlsProtocols = List.copyOf(tlsProtocols);
    }

    static FaultProxy fromEnvironment() {
        String tls = ProbeIdentity.env("PROBE_TLS_DIR", "");
        return new FaultProxy(
                Integer.parseInt(ProbeIdentity.env("PROBE_PROXY_LISTEN_PORT", String.valueOf(ProbeMain.SERVICE_PORT))),
                ProbeIdentity.env("PROBE_PROXY_UPSTREAM", ""),
                Long.parseLong(ProbeIdentity.env("PROBE_PROXY_LATENCY_MS", "0")),
                Long.parseLong(ProbeIdentity.env("PROBE_PROXY_CUT_ABOVE_BYTES", "0")),
                Long.parseLong(ProbeIdentity.env("PROBE_PROXY_IDLE_CUT_MS", "0")),
                tls.isEmpty() ? null : Path.of(tls),
                Arrays.asList(ProbeIdentity.env("PROBE_TLS_PROTOCOLS", DEFAULT_TLS_PROTOCOLS).split(",")));
    }

    /**
     * Starts accepting on a background thread; returns once the port listens.
     *
     * @return the port it listens on (the one asked for, or a free one when 0 was asked)
     */
    synchronized int start() throws IOException {
        server = tlsDirectory == null ? new ServerSocket() : tlsServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(listenPort), 256);
        ServerSocket listening = server;
        Thread acceptor = new Thread(() -> accept(listening), "proxy-accept");
        acceptor.setDaemon(true); // the probe's admin server keeps the process alive
        acceptor.start();
        if (idleCutNanos > 0) {
            idleScan = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("proxy-idle"));
            idleScan.scheduleWithFixedDelay(this::cutIdle, IDLE_SCAN_MILLIS, IDLE_SCAN_MILLIS, TimeUnit.MILLISECONDS);
        }
        System.out.println("proxy on " + server.getLocalPort() + (tlsDirectory == null ? "" : " (TLS " + tlsProtocols + ")")
                + " to " + upstreamHost + ":" + upstreamPort + describeFaults());
        return server.getLocalPort();
    }

    /** Stops accepting and resets every open connection. */
    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (idleScan != null) {
            idleScan.shutdownNow();
        }
        open.forEach(Connection::reset);
        threads.shutdownNow();
    }

    private String describeFaults() {
        List<String> faults = new ArrayList<>();
        if (latencyNanos > 0) {
            faults.add("+" + TimeUnit.NANOSECONDS.toMillis(latencyNanos) + " ms each way");
        }
        if (cutAboveBytes > 0) {
            faults.add("cut above " + cutAboveBytes + " bytes");
        }
        if (idleCutNanos > 0) {
            faults.add("cut after " + TimeUnit.NANOSECONDS.toMillis(idleCutNanos) + " ms idle");
        }
        return faults.isEmpty() ? "" : ", faults: " + String.join(", ", faults);
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("proxy accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket client) {
        try {
            client.setTcpNoDelay(true);
            if (client instanceof SSLSocket tls) {
                tls.setSoTimeout(TLS_HANDSHAKE_TIMEOUT_MILLIS);
                tls.startHandshake();
                tls.setSoTimeout(0);
            }
            Socket upstream = connectUpstream();
            Connection connection = new Connection(client, upstream);
            open.add(connection);
            threads.submit(() -> connection.pump(client, upstream, connection.toUpstream));
            connection.pump(upstream, client, connection.toClient);
        } catch (IOException | RuntimeException e) {
            reset(client);
        }
    }

    /** One address of the upstream name that accepts, tried in random order (as a client of a service would). */
    private Socket connectUpstream() throws IOException {
        List<InetAddress> addresses = new ArrayList<>(Arrays.asList(InetAddress.getAllByName(upstreamHost)));
        Collections.shuffle(addresses);
        IOException last = new IOException("no address for " + upstreamHost);
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, upstreamPort), UPSTREAM_CONNECT_TIMEOUT_MILLIS);
                socket.setTcpNoDelay(true);
                return socket;
            } catch (IOException e) {
                last = e;
                socket.close();
            }
        }
        throw last;
    }

    private void cutIdle() {
        long now = System.nanoTime();
        for (Connection connection : open) {
            if (now - connection.lastActivity.get() > idleCutNanos) {
                connection.reset();
            }
        }
    }

    private ServerSocket tlsServerSocket() throws IOException {
        try {
            reenableOlderProtocols();
            Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(tlsDirectory.resolve("chain.pem"))))
                    .toArray(new Certificate[0]);
            PrivateKey key = KeyFactory.getInstance(chain[0].getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(tlsDirectory.resolve("key.der"))));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("ingress", key, password, chain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            server.setEnabledProtocols(tlsProtocols.toArray(new String[0]));
            return server;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS from " + tlsDirectory + ": " + e, e);
        }
    }

    /** The JDK disables TLS 1.0 and 1.1; an ingress told to offer them gets them back, in this process only. */
    private void reenableOlderProtocols() {
        Set<String> asked = Set.copyOf(tlsProtocols);
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (disabled == null) {
            return;
        }
        String kept = Arrays.stream(disabled.split(",")).map(String::strip)
                .filter(entry -> !asked.contains(entry))
                .collect(Collectors.joining(", "));
        Security.setProperty("jdk.tls.disabledAlgorithms", kept);
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException | RuntimeException ignored) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // a socket that will not close is gone for our purposes
        }
    }

    /** One proxied connection: two directions, each counting its bytes. */
    private final class Connection {
        final Socket client;
        final Socket upstream;
        final AtomicLong toUpstream = new AtomicLong();
        final AtomicLong toClient = new AtomicLong();
        final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicLong directionsDone = new AtomicLong();

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        /** Copies one direction until its end, the cut, or a reset; delays chunks when latency is asked. */
        void pump(Socket from, Socket to, AtomicLong carried) {
            BlockingQueue<Chunk> delayed = latencyNanos > 0 ? new LinkedBlockingQueue<>() : null;
            if (delayed != null) {
                threads.submit(() -> deliverDelayed(to, delayed));
            }
            byte[] buffer = new byte[CHUNK_BYTES];
            try {
                InputStream in = from.getInputStream();
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    lastActivity.set(System.nanoTime());
                    int pass = read;
                    boolean cut = false;
                    if (cutAboveBytes > 0 && carried.get() + read >= cutAboveBytes) {
                        pass = (int) Math.max(0, cutAboveBytes - carried.get());
                        cut = true;
                    }
                    carried.addAndGet(pass);
                    if (pass > 0) {
                        pass(to, delayed, Arrays.copyOf(buffer, pass));
                    }
                    if (cut) {
                        pass(to, delayed, RESET);
                        return;
                    }
                }
                pass(to, delayed, END);
            } catch (IOException e) {
                reset();
                stopDelivery(delayed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reset();
                stopDelivery(delayed);
            }
        }

        /** Ends the delivery thread of a direction that ended without an end or a cut of its own. */
        private void stopDelivery(BlockingQueue<Chunk> delayed) {
            if (delayed != null) {
                delayed.offer(new Chunk(0, RESET));
            }
        }

        /** Hands bytes (or an end, or a reset) on: at once, or after the latency through the delivery queue. */
        private void pass(Socket to, BlockingQueue<Chunk> delayed, byte[] bytes) throws IOException, InterruptedException {
            if (delayed != null) {
                delayed.put(new Chunk(System.nanoTime() + latencyNanos, bytes));
            } else {
                deliver(to, bytes);
            }
        }

        private void deliverDelayed(Socket to, BlockingQueue<Chunk> delayed) {
            try {
                while (true) {
                    Chunk chunk = delayed.take();
                    for (long wait = chunk.dueNanos - System.nanoTime(); wait > 0; wait = chunk.dueNanos - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    if (!deliver(to, chunk.bytes)) {
                        return;
                    }
                }
            } catch (IOException e) {
                reset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reset();
            }
        }

        /** @return whether more may follow */
        private boolean deliver(Socket to, byte[] bytes) throws IOException {
            if (bytes == RESET) {
                reset();
                return false;
            }
            if (bytes == END) {
                endDirection(to);
                return false;
            }
            OutputStream out = to.getOutputStream();
            out.write(bytes);
            out.flush();
            return true;
        }

        /** Passes an end of stream on (half-close), and closes the connection when both directions ended. */
        private void endDirection(Socket to) {
            try {
                if (to instanceof SSLSocket) {
                    to.close(); // TLS has no half-close: close_notify ends both directions
                } else {
                    to.shutdownOutput();
                }
            } catch (IOException e) {
                reset();
                return;
            }
            if (directionsDone.incrementAndGet() == 2) {
                close();
            }
        }

        void reset() {
            if (closed.compareAndSet(false, true)) {
                open.remove(this);
                FaultProxy.reset(client);
                FaultProxy.reset(upstream);
            }
        }

        private void close() {
            if (closed.compareAndSet(false, true)) {
                open.remove(this);
                try {
                    client.close();
                    upstream.close();
                } catch (IOException ignored) {
                    // closing is best effort
                }
            }
        }
    }

    /** Bytes to pass on once {@code dueNanos} has come. */
    private record Chunk(long dueNanos, byte[] bytes) {
    }

    /** Markers in a direction's stream of chunks, compared by identity. */
    private static final byte[] RESET = new byte[0];
    private static final byte[] END = new byte[0];
}
