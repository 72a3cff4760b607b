package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.ProbeClient;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.probe.workload.ProbeMain;

import java.time.Duration;
import java.time.Instant;

/**
 * An instance on a cluster: one pod. Its disruptions need no right beyond a namespace editor's: a crash and a
 * freeze are asked of the probe itself through the pod proxy (it halts its JVM, or holds every request), a delete is
 * a pod delete with grace period 0.
 */
final class KubernetesInstance implements Instance {

    /** The longest the driver waits for a probe's announced halt to have happened. */
    private static final Duration LONGEST_HALT_WAIT = Duration.ofSeconds(2);

    private final KubernetesWorkload workload;
    private final String name;
    private final String namespace;
    private final ProbeClient probe;
    private volatile Pod pod;

    KubernetesInstance(KubernetesWorkload workload, Pod pod) {
        this.workload = workload;
        this.pod = pod;
        this.name = pod.getMetadata().getName();
        this.namespace = pod.getMetadata().getNamespace() != null ? pod.getMetadata().getNamespace() : workload.tenant().namespace();
        this.probe = new ProbeClient(name, new PodProxyTransport(workload.tenant().platform().api(), namespace, name,
                ProbeMain.ADMIN_PORT));
    }

    @Override
    public String name() {
        return name;
    }

    /** The zone label the driver wrote once the pod was scheduled (from its node), or the node's zone now. */
    @Override
    public Zone zone() {
        String zone = KubernetesTenant.zoneLabel(pod);
        if (zone == null) {
            pod = workload.tenant().labelZone(current());
            zone = KubernetesTenant.zoneLabel(pod);
        }
        if (zone == null) {
            throw new PlatformException("instance " + name + " is not scheduled yet: it has no zone");
        }
        return new Zone(zone);
    }

    @Override
    public String address() {
        Pod now = current();
        String ip = now.getStatus() == null ? null : now.getStatus().getPodIP();
        if (ip == null || ip.isEmpty()) {
            throw new PlatformException("instance " + name + " has no pod IP now");
        }
        return ip;
    }

    @Override
    public ProbeClient probe() {
        return probe;
    }

    @Override
    public boolean isReady() {
        return workload.pod(name).map(workload::isReady).orElse(false);
    }

    private Pod current() {
        Pod now = workload.pod(name).orElseThrow(() -> new PlatformException("instance " + name + " is gone"));
        pod = now;
        return now;
    }

    /**
     * The probe halts its own JVM on request (agnhost's {@code /exit}): the container's main process exits abnormally
     * and the kubelet restarts it in place, its restart count one higher. Returns once the announced halt has passed.
     */
    @Override
    public Disruption crash() {
        int restartsBefore = KubernetesWorkload.restartCount(current());
        Instant sent = Instant.now();
        workload.crashed(name, restartsBefore);
        Instant haltsAt = probe.crash();
        Instant until = earliest(haltsAt, sent.plus(LONGEST_HALT_WAIT));
        sleepUntil(until);
        return new Disruption(Disruption.Kind.CRASH, name, within(haltsAt, sent, Instant.now()), "the probe halted its own JVM"
                + " on request (POST /disrupt/crash through the API server's pod proxy; Runtime.halt(137), no shutdown): its"
                + " container's main process exited abnormally; the kubelet restarts the container in place (restart count "
                + restartsBefore + " before)");
    }

    /** Pod delete with grace period 0: its containers are killed at once; the ReplicaSet or StatefulSet replaces it. */
    @Override
    public Disruption delete() {
        workload.deleting(name);
        ApiServer api = workload.tenant().platform().api();
        Instant asked = Instant.now();
        api.run("delete pod " + name, () -> api.client().pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete());
        return new Disruption(Disruption.Kind.DELETE, name, asked, "pod deleted with grace period 0 (kubectl delete pod --grace-period=0"
                + " --force): its containers killed at once; its " + (workload.spec().stableIdentity() ? "StatefulSet starts it"
                + " again under the same name" : "ReplicaSet starts a replacement under a new name"));
    }

    /** The probe's hang mode: it holds every request (health checks too) without an answer, keeping the connections. */
    @Override
    public Disruption freeze() {
        Instant sent = Instant.now();
        Instant hanging = probe.hang();
        return new Disruption(Disruption.Kind.FREEZE, name, within(hanging, sent, Instant.now()), "the probe's hang mode, asked"
                + " through the pod proxy (POST /disrupt/hang): it answers nothing, readiness probes included, and keeps its"
                + " connections; the kubelet's readiness probe takes it out of the Service's endpoints");
    }

    @Override
    public Disruption thaw() {
        Instant sent = Instant.now();
        Instant thawed = probe.thaw();
        return new Disruption(Disruption.Kind.THAW, name, within(thawed, sent, Instant.now()), "the probe's hang mode ended"
                + " (POST /disrupt/thaw through the pod proxy): the held requests are answered");
    }

    /**
     * The probe's own instant, kept within what the harness saw (sent .. answered): the probe's clock may differ
     * from this machine's, and every duration a criterion judges is measured on this machine's clock.
     */
    private static Instant within(Instant probeSays, Instant notBefore, Instant notAfter) {
        return probeSays.isBefore(notBefore) ? notBefore : probeSays.isAfter(notAfter) ? notAfter : probeSays;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void sleepUntil(Instant until) {
        long millis = Duration.between(Instant.now(), until).toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while waiting for the probe to halt");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
