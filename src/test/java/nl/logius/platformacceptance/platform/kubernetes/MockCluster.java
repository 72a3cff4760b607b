package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.target.Target;
import nl.logius.platformacceptance.target.TargetLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Kubernetes cluster without a cluster, for the driver's tests: fabric8's mock API server in CRUD mode over TLS on
 * 127.0.0.1 (reached as {@code localhost}, the name in its certificate), one node per zone, two storage classes, and
 * the stand-ins that play the cluster's moving parts by writing the status a real one writes ({@link SchedulerStandIn},
 * {@link ControllerStandIn}, {@link KubeletStandIn} with real probe processes, {@link VolumeBinderStandIn}), on a
 * loop of their own. {@link #profile} writes a target profile that points the driver at it, with the mock's
 * certificate as the API server's CA bundle and a token from a file secret.
 *
 * <p>What it cannot play, and the tests must not pretend: traffic between pods (Service DNS, pod IPs, NetworkPolicy
 * enforcement), volumes inside the probes, an ingress controller answering over TLS, RBAC beyond the access reviews.
 */
final class MockCluster implements AutoCloseable {

    static final String READ_WRITE_ONCE_CLASS = "standard";
    static final String READ_WRITE_MANY_CLASS = "shared";
    /** What the pods name; the kubelet stand-in runs the harness's own probe classes in its place. */
    static final String PROBE_IMAGE = "registry.mock.platform-acceptance.test/platform-acceptance/probe@sha256:" + "ab".repeat(32);
    private static final Register REGISTER = RegisterLoader.load(Path.of("suites/knelpunten.yaml"));

    /** The mock logs every request at INFO; kept here so that the level holds (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver.MockWebServer");

    private final List<String> zones;
    private final KubernetesMockServer server;
    private final MockWebServer web = new MockWebServer();
    private final ApiServerStandInDispatcher dispatcher = new ApiServerStandInDispatcher();
    private final KubernetesClient admin;
    private final KubeletStandIn kubelet;
    private final Thread loop;
    private final AtomicReference<RuntimeException> lastProblem = new AtomicReference<>();
    private final Path folder;
    private volatile boolean running = true;

    MockCluster(List<String> zones) {
        this.zones = List.copyOf(zones);
        this.server = new KubernetesMockServer(new Context(), web, new HashMap<>(), dispatcher, true);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
            folder = Files.createTempDirectory(Path.of("target"), "mock-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.admin = server.createClient();
        for (String zone : zones) {
            admin.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-" + zone)
                    .withLabels(Map.of(ProbePods.ZONE_KEY, zone)).endMetadata().build()).create();
        }
        for (String storageClass : List.of(READ_WRITE_ONCE_CLASS, READ_WRITE_MANY_CLASS)) {
            admin.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName(storageClass)
                    .endMetadata().withProvisioner("stand-in.csi.platform-acceptance.test").build()).create();
        }
        SchedulerStandIn scheduler = new SchedulerStandIn(admin);
        ControllerStandIn controllers = new ControllerStandIn(admin);
        this.kubelet = new KubeletStandIn(admin);
        VolumeBinderStandIn binder = new VolumeBinderStandIn(admin, Map.of(
                READ_WRITE_ONCE_CLASS, Set.of("ReadWriteOnce"),
                READ_WRITE_MANY_CLASS, Set.of("ReadWriteOnce", "ReadWriteMany")));
        dispatcher.kubelet(kubelet);
        this.loop = new Thread(() -> {
            while (running) {
                for (Runnable standIn : List.<Runnable>of(controllers::reconcile, scheduler::reconcile, kubelet::reconcile,
                        binder::reconcile)) {
                    try {
                        standIn.run();
                    } catch (RuntimeException e) {
                        lastProblem.set(e); // a conflict with the driver's own write: the next round tries again
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cluster-stand-ins");
        loop.setDaemon(true);
        loop.start();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** The stand-ins' own client (an administrator's view of the mock). */
    KubernetesClient admin() {
        return admin;
    }

    ApiServerStandInDispatcher authorizer() {
        return dispatcher;
    }

    KubeletStandIn kubelet() {
        return kubelet;
    }

    /** {@code https://localhost:<port>}. */
    String url() {
        return "https://localhost:" + web.getPort();
    }

    /**
     * A target profile for this cluster: kind kubernetes, its zones, a token from a file, a namespace prefix or the
     * given pre-created namespaces, both storage classes, Ingress under {@code apps.mock.platform-acceptance.test}.
     */
    Path profile(String name, List<String> fixedNamespaces) {
        return profile(name, fixedNamespaces, url());
    }

    /** The same profile with another API server URL (e.g. a closed port, for a cluster that is not there). */
    Path profile(String name, List<String> fixedNamespaces, String apiServer) {
        return profile(name, fixedNamespaces, apiServer, READ_WRITE_MANY_CLASS);
    }

    /** The profile with another storage class named for shared volumes (one that cannot give them, to see a refusal). */
    Path profile(String name, List<String> fixedNamespaces, String apiServer, String readWriteManyClass) {
        try {
            Path caBundle = folder.resolve("api-ca.pem");
            Files.copy(Path.of(web.getSelfSignedCertificate().certificatePath()), caBundle,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(folder.resolve("token"), "mock-token-" + UUID.randomUUID() + "\n");
            String namespaces = fixedNamespaces.isEmpty() ? "  namespacePrefix: pa\n"
                    : "  namespaces: [" + String.join(", ", fixedNamespaces) + "]\n";
            Path profile = folder.resolve(name + ".yaml");
            Files.writeString(profile, """
                    name: %s
                    kind: kubernetes
                    description: the fabric8 mock API server with stand-ins for the cluster's controllers
                    release: mock
                    zones: [%s]
                    runDeadline: 20m
                    disruptive: allowed
                    ingress:
                      kind: ingress
                      domain: apps.mock.platform-acceptance.test
                      caBundle: api-ca.pem
                    kubernetes:
                      apiServer: %s
                      caBundle: api-ca.pem
                      token: api-token
                    %s  storageClasses: {readWriteOnce: %s, readWriteMany: %s}
                    secrets:
                      api-token: {file: token}
                    probeImage: %s
                    """.formatted(name, String.join(", ", zones), apiServer, namespaces, READ_WRITE_ONCE_CLASS, readWriteManyClass,
                    PROBE_IMAGE));
            return profile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Target target(String name, List<String> fixedNamespaces) {
        return TargetLoader.load(profile(name, fixedNamespaces), REGISTER);
    }

    Target target(String name, List<String> fixedNamespaces, String apiServer) {
        return TargetLoader.load(profile(name, fixedNamespaces, apiServer), REGISTER);
    }

    Target target(Path profile) {
        return TargetLoader.load(profile, REGISTER);
    }

    /** {@code https://127.0.0.1:<a port nothing listens on>}: an API server that is not there. */
    static String closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return "https://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kubelet.close();
        admin.close();
        server.destroy();
    }
}
