package nl.logius.platformacceptance.run;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Unix-socket proxy in front of the Docker engine, for a child run pointed at it with
 * {@code DOCKER_HOST=unix://...}: the test makes the engine go away for that run only, at a moment of its
 * choosing, while the shared engine goes on serving everyone else.
 * <ul>
 *   <li>{@link #cut()}: as an engine that stopped: the socket is gone, open connections are closed,
 *       new ones refused;</li>
 *   <li>{@link #silence()}: as an engine that hangs: connections are accepted and requests read, but nothing
 *       ever answers (the hardest case: only the caller's own deadlines end its calls).</li>
 * </ul>
 */
final class EngineProxy implements AutoCloseable {

    private final Path socket;
    private final Path upstream;
    private final ServerSocketChannel server;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private volatile boolean silent;

    private EngineProxy(Path socket, Path upstream) throws IOException {
        this.socket = socket;
        this.upstream = upstream;
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        daemon("engine-proxy-accept", this::accept).start();
    }

    static EngineProxy start(Path socket) throws IOException {
        return new EngineProxy(socket, Path.of("/var/run/docker.sock"));
    }

    /** The {@code DOCKER_HOST} value that points at the proxy. */
    String dockerHost() {
        return "unix://" + socket;
    }

    void silence() {
        silent = true;
    }

    void cut() {
        close();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing is all that is asked
        }
        for (SocketChannel channel : open) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // a stale socket file refuses connections just as well
        }
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                open.add(client);
                if (silent) {
                    daemon("engine-proxy-swallow", () -> pump(client, null)).start();
                    continue;
                }
                SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(upstream));
                open.add(engine);
                daemon("engine-proxy-up", () -> pump(client, engine)).start();
                daemon("engine-proxy-down", () -> pump(engine, client)).start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies {@code from} to {@code to} until either closes; once silent, reads and drops everything. */
    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                if (!silent && to != null) {
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                }
                buffer.clear();
            }
        } catch (IOException ignored) {
            // one side closed
        } finally {
            if (!silent) {
                try {
                    from.close();
                    if (to != null) {
                        to.close();
                    }
                } catch (IOException ignored) {
                    // closing is all that is asked
                }
            }
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }
}
