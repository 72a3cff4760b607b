package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.RouteBuilder;
import io.fabric8.openshift.client.OpenShiftClient;
import nl.logius.platformacceptance.measure.tls.Pem;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.ExternalEndpoint;
import nl.logius.platformacceptance.target.Target;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * Publishes a workload outside the cluster over HTTPS, one host per workload under the profile's ingress domain
 * ({@code <workload>-<namespace>.<domain>}): a {@code networking.k8s.io/v1} Ingress with TLS for that host (the
 * ingress controller's certificate), or an OpenShift Route with edge termination. Waits until the cluster admitted
 * it (the Ingress's load balancer status, the Route's {@code Admitted} condition) and its address accepts
 * connections on port 443. The certificates to trust are the profile's {@code ingress.caBundle}.
 */
final class ExternalAccess {

    static final Duration ADMISSION_DEADLINE = Duration.ofMinutes(2);
    private static final int HTTPS_PORT = 443;

    private final KubernetesPlatform platform;
    private final KubernetesTenant tenant;

    ExternalAccess(KubernetesPlatform platform, KubernetesTenant tenant) {
        this.platform = platform;
        this.tenant = tenant;
    }

    ExternalEndpoint publish(KubernetesWorkload workload) {
        return publish(workload, ADMISSION_DEADLINE, ADMISSION_DEADLINE);
    }

    /** Publishes, waiting at most {@code admission} for the cluster to admit it and {@code accepting} for connections. */
    ExternalEndpoint publish(KubernetesWorkload workload, Duration admission, Duration accepting) {
        Target.Ingress ingress = platform.target().ingress();
        String host = ingress.hostFor(workload.resourceName(), tenant.namespace());
        String connectHost = ingress.kind() == Target.IngressKind.ROUTE ? route(workload, host, admission)
                : ingress(workload, host, admission);
        awaitAccepting(connectHost, host, accepting);
        try {
            return new ExternalEndpoint(host, connectHost, HTTPS_PORT, Pem.readCertificates(java.nio.file.Files.readString(ingress.caBundle())));
        } catch (IOException e) {
            throw new nl.logius.platformacceptance.platform.PlatformException("cannot read the ingress CA bundle " + ingress.caBundle(), e);
        }
    }

    /** The Ingress; returns the address its controller reports (else the host itself). */
    private String ingress(KubernetesWorkload workload, String host, Duration admission) {
        Ingress resource = new IngressBuilder().withMetadata(tenant.metadata(workload.resourceName()))
                .withNewSpec().addNewTl().withHosts(host).endTl()
                .addNewRule().withHost(host).withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(workload.serviceName()).withNewPort()
                .withName(ProbePods.SERVICE_PORT_NAME).endPort().endService().endBackend().endPath().endHttp().endRule()
                .endSpec().build();
        ApiServer api = platform.api();
        String name = workload.resourceName();
        api.run("create Ingress " + name, () -> api.client().network().v1().ingresses().inNamespace(tenant.namespace())
                .resource(resource).create());
        return awaitAdmitted("Ingress " + name + " given an address by the ingress controller", admission, () -> {
            Ingress now = api.call("get Ingress " + name, () -> api.client().network().v1().ingresses()
                    .inNamespace(tenant.namespace()).withName(name).get());
            var balancers = now == null || now.getStatus() == null || now.getStatus().getLoadBalancer() == null ? null
                    : now.getStatus().getLoadBalancer().getIngress();
            return balancers == null || balancers.isEmpty() ? Optional.<String>empty()
                    : Optional.of(balancers.get(0).getIp() != null ? balancers.get(0).getIp()
                    : balancers.get(0).getHostname() != null ? balancers.get(0).getHostname() : host);
        });
    }

    /** The Route with edge TLS termination; returns its host once the router admitted it. */
    private String route(KubernetesWorkload workload, String host, Duration admission) {
        Route resource = new RouteBuilder().withMetadata(tenant.metadata(workload.resourceName()))
                .withNewSpec().withHost(host).withNewTo().withKind("Service").withName(workload.serviceName()).endTo()
                .withNewPort().withTargetPort(new IntOrString(ProbePods.SERVICE_PORT_NAME)).endPort()
                .withNewTls().withTermination("edge").withInsecureEdgeTerminationPolicy("Redirect").endTls()
                .endSpec().build();
        ApiServer api = platform.api();
        String name = workload.resourceName();
        OpenShiftClient openShift = api.client().adapt(OpenShiftClient.class);
        api.run("create Route " + name, () -> openShift.routes().inNamespace(tenant.namespace()).resource(resource).create());
        return awaitAdmitted("Route " + name + " admitted by the router", admission, () -> {
            Route now = api.call("get Route " + name, () -> openShift.routes().inNamespace(tenant.namespace()).withName(name).get());
            boolean admitted = now != null && now.getStatus() != null && now.getStatus().getIngress() != null
                    && now.getStatus().getIngress().stream().anyMatch(i -> i.getConditions() != null && i.getConditions().stream()
                    .anyMatch(c -> "Admitted".equals(c.getType()) && "True".equals(c.getStatus())));
            return admitted ? Optional.of(host) : Optional.<String>empty();
        });
    }

    private static String awaitAdmitted(String awaited, Duration deadline, java.util.function.Supplier<Optional<String>> address) {
        try {
            return await(awaited).atMost(deadline).pollInterval(Duration.ofMillis(500))
                    .until(address::get, Optional::isPresent).orElseThrow();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new DeadlineExceededException(awaited, deadline, "no address in its status");
        }
    }

    private static void awaitAccepting(String connectHost, String host, Duration deadline) {
        Instant start = Instant.now();
        String awaited = "the external endpoint " + host + " (" + connectHost + ":" + HTTPS_PORT + ") accepting connections";
        try {
            await(awaited).atMost(deadline).pollInterval(Duration.ofSeconds(1)).until(() -> accepts(connectHost));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new DeadlineExceededException(awaited, Duration.between(start, Instant.now()), "connection refused or timed out");
        }
    }

    static boolean accepts(String host) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, HTTPS_PORT), 3_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
