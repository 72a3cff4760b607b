package nl.logius.platformacceptance.probe.workload;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The probe workload: the harness's own multi-tool that runs as a workload on the platform (like the
 * Kubernetes e2e "agnhost" image). It serves its identity and echoes payloads, and on request measures from
 * inside the platform: DNS look-ups, HTTP requests to other workloads, TCP connection attempts, file I/O on
 * mounted volumes, and a continuous prober of a service (reads, or sequence-numbered writes that it keeps,
 * as a stateful service would, in a log on a volume). It uses only the JDK, so that its image is a small
 * jlink runtime.
 *
 * <p>It listens on two ports with the same endpoints: the service port (traffic of other workloads, which
 * the platform may take out of rotation) and the admin port (the harness's control, health checks). It can
 * crash or hang itself on request ({@link SelfDisruption}), so that a disruption needs no privilege.
 * With {@code PROBE_MODE=proxy} it is a network element of the local platform instead ({@link FaultProxy}):
 * the proxy takes the traffic, the admin port answers health checks.
 */
public final class ProbeMain {

    public static final int SERVICE_PORT = 8080;
    public static final int ADMIN_PORT = 8081;
    /** Where the probe's TLS ingress mode listens. */
    public static final int INGRESS_PORT = 8443;
    private static final int SERVER_IDLE_SECONDS = 600;

    private final ProbeIdentity identity;
    private final Map<String, Handler> routes = new LinkedHashMap<>();
    private final SelfDisruption selfDisruption = new SelfDisruption();

    private ProbeMain(ProbeIdentity identity) {
        this.identity = identity;
        Instant readyAt = identity.startedAt().plusMillis(Long.parseLong(ProbeIdentity.env("PROBE_READY_DELAY_MS", "0")));
        routes.put("/health", exchange -> {
            boolean ready = !Instant.now().isBefore(readyAt);
            exchange.json(ready ? 200 : 503, Map.of("status", ready ? "ready" : "starting"));
        });
        routes.put("/identity", exchange -> exchange.json(200, identity.asMap()));
        routes.put("/echo", new EchoHandler());
        routes.put("/dns/lookup", new DnsLookupHandler());
        routes.put("/http/get", new HttpGetHandler());
        routes.put("/tcp/connect", new TcpConnectHandler());
        routes.put("/files/await", new FileAwaitHandler());
        routes.put("/files/", new FilesHandler());
        routes.put("/storage/", new StorageHandler());
        routes.put("/prober/", new ProberHandler());
        routes.put("/connection", new ConnectionHandler());
        routes.put("/http/latency", new HttpLatencyHandler());
        routes.put("/http/echo-check", new EchoCheckHandler());
        routes.put("/http/keepalive", new KeepAliveHandler());
        routes.put("/log/", new SequenceLogHandler());
        selfDisruption.register(routes);
    }

    public static void main(String[] args) throws IOException {
        if ("bit-rot".equals(System.getenv("PROBE_MODE"))) {
            new BitRot(java.nio.file.Path.of(ProbeIdentity.env("PROBE_BIT_ROT_DIR", "/volume"))).run();
            return;
        }
        // Every look-up must ask the platform's DNS: a cached answer would hide the behaviour under test.
        Security.setProperty("networkaddress.cache.ttl", "0");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
        // The JDK's server closes keep-alive connections idle for 30 s; a service keeps them longer, and
        // KP-NET-04 must see the platform's idle limit, not the probe's.
        System.setProperty("sun.net.httpserver.idleInterval", String.valueOf(SERVER_IDLE_SECONDS));
        ProbeMain probe = new ProbeMain(ProbeIdentity.fromEnvironment());
        ExecutorService workers = Executors.newCachedThreadPool(DaemonThreads.named("probe-worker"));
        if ("proxy".equals(System.getenv("PROBE_MODE"))) {
            // A network element of the platform (a faulty one, or the TLS ingress): the proxy takes the
            // traffic, the admin port still answers health checks.
            FaultProxy.fromEnvironment().start();
            probe.listen(Integer.parseInt(ProbeIdentity.env("PROBE_ADMIN_PORT", String.valueOf(ADMIN_PORT))), workers);
            return;
        }
        probe.listen(Integer.parseInt(ProbeIdentity.env("PROBE_SERVICE_PORT", String.valueOf(SERVICE_PORT))), workers);
        probe.listen(Integer.parseInt(ProbeIdentity.env("PROBE_ADMIN_PORT", String.valueOf(ADMIN_PORT))), workers);
        System.out.println("probe " + probe.identity.instance() + " version " + probe.identity.version()
                + " in zone " + probe.identity.zone() + " listening on " + SERVICE_PORT + " and " + ADMIN_PORT);
    }

    private void listen(int port, ExecutorService workers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 256);
        server.setExecutor(workers);
        server.createContext("/", http -> {
            Exchange exchange = new Exchange(http, identity);
            try (http) {
                selfDisruption.holdWhileHanging(exchange.path());
                Handler handler = route(exchange.path());
                if (handler == null) {
                    exchange.json(404, Map.of("error", "no endpoint " + exchange.path()));
                } else {
                    handler.handle(exchange);
                }
            } catch (Exchange.BadRequest e) {
                exchange.json(400, Map.of("error", e.getMessage()));
            } catch (RuntimeException | IOException e) {
                answerError(exchange, e);
            }
        });
        server.start();
    }

    private Handler route(String path) {
        Handler exact = routes.get(path);
        if (exact != null) {
            return exact;
        }
        return routes.entrySet().stream()
                .filter(route -> route.getKey().endsWith("/") && path.startsWith(route.getKey()))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static void answerError(Exchange exchange, Exception error) {
        try {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            exchange.send(500, "text/plain", trace.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException ignored) {
            // The response was already started; the client sees a broken response, which is the truth.
        }
    }
}
