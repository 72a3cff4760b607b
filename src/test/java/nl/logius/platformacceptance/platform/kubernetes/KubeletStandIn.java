package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import nl.logius.platformacceptance.probe.workload.ProbeMain;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the kubelets of the mock API server's nodes, which run nothing: for each scheduled pod it starts a
 * REAL probe process on 127.0.0.1 (the harness's own {@link ProbeMain}, its ports given by
 * {@code PROBE_SERVICE_PORT}/{@code PROBE_ADMIN_PORT}, its environment from the pod spec), runs the pod's readiness
 * probe against it as the spec says (path, period, timeout, failures), restarts it when it exits (restart count +1),
 * kills it when the pod is deleted, and writes the pod status a kubelet writes. The API server's pod proxy is
 * forwarded here ({@link #forward}), so that the driver's transport, the probe's crash and its hang mode are real.
 * Traffic between pods is not played: every pod's IP is 127.0.0.1 with ports of its own.
 */
final class KubeletStandIn implements AutoCloseable {

    private static final String POD_IP = "127.0.0.1";
    private static final Duration PROXY_TIMEOUT = Duration.ofSeconds(30);

    private final KubernetesClient cluster;
    private final Path probeClasses;
    private final Map<String, RunningPod> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService prober = Executors.newScheduledThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "kubelet-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    KubeletStandIn(KubernetesClient cluster) {
        this.cluster = cluster;
        try {
            this.probeClasses = Path.of(ProbeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    void reconcile() {
        List<Pod> pods = cluster.pods().inAnyNamespace().list().getItems();
        Set<String> present = new HashSet<>();
        for (Pod pod : pods) {
            String key = key(pod);
            present.add(key);
            if (pod.getSpec().getNodeName() == null || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            running.computeIfAbsent(key, k -> new RunningPod(pod)).statusIfChanged();
        }
        for (String key : List.copyOf(running.keySet())) {
            if (!present.contains(key)) {
                running.remove(key).stop();
            }
        }
    }

    /** The pod proxy: a request to {@code port} of a pod, answered by its probe process (503 when it runs none). */
    ProxiedAnswer forward(String namespace, String pod, int port, String method, String pathAndQuery, byte[] body) {
        RunningPod target = running.values().stream().filter(p -> p.namespace.equals(namespace) && p.name.equals(pod)).findFirst()
                .orElse(null);
        if (target == null || target.process == null || !target.process.isAlive()) {
            return new ProxiedAnswer(503, "text/plain", ("error trying to reach pod " + pod + ": no process").getBytes());
        }
        int hostPort = port == ProbeMain.ADMIN_PORT ? target.adminPort : target.servicePort;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + POD_IP + ":" + hostPort + pathAndQuery))
                .timeout(PROXY_TIMEOUT).method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new ProxiedAnswer(response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
                    response.body());
        } catch (IOException e) {
            return new ProxiedAnswer(503, "text/plain", ("error trying to reach pod " + pod + ": " + e).getBytes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProxiedAnswer(503, "text/plain", "interrupted".getBytes());
        }
    }

    /** How many probe processes run now. */
    int processes() {
        return (int) running.values().stream().filter(p -> p.process != null && p.process.isAlive()).count();
    }

    @Override
    public void close() {
        prober.shutdownNow();
        running.values().forEach(RunningPod::stop);
        running.clear();
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getUid();
    }

    record ProxiedAnswer(int status, String contentType, byte[] body) {
    }

    /** One pod's container: its process, its restarts, its readiness as the pod's probe sees it. */
    private final class RunningPod {

        final String namespace;
        final String name;
        final Pod spec;
        volatile Process process;
        volatile int servicePort;
        volatile int adminPort;
        volatile int restarts;
        volatile boolean ready;
        volatile boolean stopped;
        volatile Instant startedAt;
        int failures;
        String lastWritten = "";
        final ScheduledFuture<?> readiness;

        RunningPod(Pod pod) {
            this.namespace = pod.getMetadata().getNamespace();
            this.name = pod.getMetadata().getName();
            this.spec = pod;
            start();
            Probe probe = container().getReadinessProbe();
            long period = probe == null || probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds();
            // every period from the start of one probe to the next, as a kubelet probes
            this.readiness = prober.scheduleAtFixedRate(this::probeReadiness, 200, period * 1000, TimeUnit.MILLISECONDS);
        }

        private Container container() {
            return spec.getSpec().getContainers().get(0);
        }

        private synchronized void start() {
            if (stopped) {
                return;
            }
            servicePort = freePort();
            adminPort = freePort();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx48m", "-Xss512k", "-cp", probeClasses.toString(),
                    ProbeMain.class.getName())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> environment = builder.environment();
            for (EnvVar variable : container().getEnv() == null ? List.<EnvVar>of() : container().getEnv()) {
                environment.put(variable.getName(), value(variable));
            }
            environment.put("PROBE_SERVICE_PORT", String.valueOf(servicePort));
            environment.put("PROBE_ADMIN_PORT", String.valueOf(adminPort));
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start a probe process for pod " + name, e);
            }
            startedAt = Instant.now();
            ready = false;
            failures = 0;
            Process started = process;
            started.onExit().thenRun(() -> exited(started));
        }

        /** The container's main process exited: the kubelet counts a restart and starts it again (restartPolicy Always). */
        private void exited(Process exited) {
            synchronized (this) {
                if (stopped || exited != process) {
                    return;
                }
                restarts++;
                ready = false;
            }
            statusIfChanged();
            start();
            statusIfChanged();
        }

        private String value(EnvVar variable) {
            if (variable.getValueFrom() == null || variable.getValueFrom().getFieldRef() == null) {
                return variable.getValue() == null ? "" : variable.getValue();
            }
            String path = variable.getValueFrom().getFieldRef().getFieldPath();
            if (path.equals("metadata.name")) {
                return name;
            }
            if (path.startsWith("metadata.labels['")) {
                String label = path.substring("metadata.labels['".length(), path.length() - 2);
                Pod now = cluster.pods().inNamespace(namespace).withName(name).get();
                return now == null || now.getMetadata().getLabels() == null ? "" : now.getMetadata().getLabels().getOrDefault(label, "");
            }
            return "";
        }

        /** The readiness probe as the spec says: an HTTP GET within the timeout, out after failureThreshold failures. */
        private void probeReadiness() {
            try {
                probeReadinessOnce();
            } catch (RuntimeException e) {
                // a scheduled task that throws is never run again: a kubelet keeps probing
                System.err.println("kubelet stand-in: readiness probe of " + name + " failed to run: " + e);
            }
        }

        private void probeReadinessOnce() {
            Probe probe = container().getReadinessProbe();
            if (probe == null || stopped) {
                ready = !stopped;
                statusIfChanged();
                return;
            }
            int port = portNamed(probe.getHttpGet().getPort().getStrVal()) == ProbeMain.ADMIN_PORT ? adminPort : servicePort;
            boolean answered;
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://" + POD_IP + ":" + port
                                + probe.getHttpGet().getPath())).timeout(Duration.ofSeconds(probe.getTimeoutSeconds())).build(),
                        HttpResponse.BodyHandlers.discarding());
                answered = response.statusCode() >= 200 && response.statusCode() < 400;
            } catch (IOException e) {
                answered = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (answered) {
                failures = 0;
                ready = true;
            } else if (++failures >= probe.getFailureThreshold()) {
                ready = false;
            }
            statusIfChanged();
        }

        private int portNamed(String portName) {
            return container().getPorts().stream().filter(p -> portName == null || portName.equals(p.getName()))
                    .map(ContainerPort::getContainerPort).findFirst().orElse(ProbeMain.SERVICE_PORT);
        }

        /** Writes the pod status a kubelet would, when it changed. */
        synchronized void statusIfChanged() {
            if (stopped) {
                return;
            }
            Map<String, Object> state = new LinkedHashMap<>();
            String ready = String.valueOf(this.ready && process != null && process.isAlive());
            Map<String, Object> containerStatus = new LinkedHashMap<>();
            containerStatus.put("name", container().getName());
            containerStatus.put("image", container().getImage());
            containerStatus.put("ready", Boolean.parseBoolean(ready));
            containerStatus.put("started", true);
            containerStatus.put("restartCount", restarts);
            containerStatus.put("state", Map.of("running", Map.of("startedAt", startedAt.toString())));
            List<Map<String, Object>> conditions = new ArrayList<>(List.of(
                    Map.of("type", "PodScheduled", "status", "True"),
                    Map.of("type", "ContainersReady", "status", capitalised(ready)),
                    Map.of("type", "Ready", "status", capitalised(ready))));
            state.put("phase", "Running");
            state.put("podIP", POD_IP);
            state.put("hostIP", POD_IP);
            state.put("conditions", conditions);
            state.put("containerStatuses", List.of(containerStatus));
            // a JSON Patch that sets the status whole: the mock does not replace the lists of a JSON Merge Patch
            String json = Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", state)));
            if (json.equals(lastWritten)) {
                return;
            }
            try {
                cluster.pods().inNamespace(namespace).withName(name).subresource("status")
                        .patch(PatchContext.of(PatchType.JSON), json);
                lastWritten = json;
            } catch (KubernetesClientException e) {
                // the pod is gone; the next reconcile stops the process
            }
        }

        private static String capitalised(String bool) {
            return "true".equals(bool) ? "True" : "False";
        }

        synchronized void stop() {
            stopped = true;
            readiness.cancel(true);
            Optional.ofNullable(process).ifPresent(Process::destroyForcibly);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(POD_IP))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }
}
