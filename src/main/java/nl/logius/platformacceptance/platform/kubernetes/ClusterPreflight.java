package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.VersionInfo;
import nl.logius.platformacceptance.measure.tls.Pem;
import nl.logius.platformacceptance.platform.Capability;
import nl.logius.platformacceptance.platform.Capability.Operation;
import nl.logius.platformacceptance.platform.ExternalEndpoint;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.ProbeClient;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.probe.workload.ProbeMain;
import nl.logius.platformacceptance.target.Target;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the checks need of a cluster, looked at before a run (the {@code preflight} command; the start of a run):
 * <ol>
 *   <li>the API server answers, and its version;</li>
 *   <li>each right the driver uses, by a SelfSubjectAccessReview per verb and resource;</li>
 *   <li>the zones of the nodes (two or more for the zone checks), where the tenant may list nodes;</li>
 *   <li>the profile's storage classes, and whether a claim of each access mode is bound;</li>
 *   <li>with a probe pair of its own (a tenant like a check's, removed after): the probe image pulled by digest and
 *       ready, and NetworkPolicies enforced (a deny-all policy must block the pair);</li>
 *   <li>an Ingress or Route admitted and answering {@code /health} over TLS, its chain checked against the profile's
 *       CA bundle.</li>
 * </ol>
 * Whatever cannot be judged (no right to look, no traffic between the pair without a policy) is UNVERIFIED, said so.
 */
final class ClusterPreflight {

    static final Duration PAIR_READY = Duration.ofMinutes(3);
    static final Duration POLICY_TAKES_EFFECT = Duration.ofSeconds(30);
    /** Between two tries of the blocked connection: each is a request through the API server's pod proxy. */
    private static final Duration POLICY_RETRY = Duration.ofMillis(500);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final long CLAIM_BYTES = 16L << 20;

    private final KubernetesPlatform platform;
    private final ApiServer api;
    private final Target target;

    ClusterPreflight(KubernetesPlatform platform) {
        this.platform = platform;
        this.api = platform.api();
        this.target = platform.target();
    }

    List<Capability> run() {
        List<Capability> found = new ArrayList<>();
        try {
            VersionInfo version = api.version();
            found.add(Capability.present("API server answers", api.url() + ", Kubernetes " + version.getGitVersion(),
                    Operation.EVERY_CHECK));
        } catch (PlatformException e) {
            found.add(Capability.missing("API server answers", e.getMessage(), Operation.EVERY_CHECK));
            return found;
        }
        found.addAll(rights());
        found.add(zones());
        found.addAll(storageClasses());
        found.addAll(withProbePair(found));
        return found;
    }

    // --- rights ---

    /** One right to check: verbs on a resource (with its API group and subresource), and what needs it. */
    record Right(String group, String resource, String subresource, boolean clusterScoped, List<String> verbs,
                         Operation... neededFor) {
        String describe() {
            return String.join(", ", verbs) + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource)
                    + (group.isEmpty() ? "" : "." + group);
        }
    }

    /** Every right the driver uses on a target's cluster; deploy/kubernetes/role.yaml grants the namespaced ones. */
    static List<Right> rightsUsed(Target target) {
        List<Right> rights = new ArrayList<>();
        Target.Kubernetes cluster = target.kubernetes();
        if (!cluster.fixedNamespaces()) {
            rights.add(new Right("", "namespaces", "", true, List.of("create", "delete", "get", "list"), Operation.EVERY_CHECK));
        }
        rights.add(new Right("", "nodes", "", true, List.of("get", "list"), Operation.INSTANCE_ZONE, Operation.CUT_OFF_ZONE));
        rights.add(new Right("apps", "deployments", "", false, List.of("create", "get", "list", "patch", "delete"), Operation.DEPLOY));
        rights.add(new Right("apps", "statefulsets", "", false, List.of("create", "get", "list", "patch", "delete"),
                Operation.STABLE_IDENTITY));
        rights.add(new Right("apps", "replicasets", "", false, List.of("list"), Operation.ROLLBACK));
        rights.add(new Right("", "services", "", false, List.of("create", "list", "delete"), Operation.DEPLOY));
        rights.add(new Right("", "pods", "", false, List.of("get", "list", "patch"), Operation.DEPLOY));
        rights.add(new Right("", "pods", "", false, List.of("delete"), Operation.DELETE_INSTANCE));
        rights.add(new Right("", "pods", "proxy", false, List.of("get", "create"), Operation.DEPLOY));
        rights.add(new Right("", "persistentvolumeclaims", "", false, List.of("create", "get", "list", "delete"),
                Operation.CREATE_VOLUME));
        rights.add(new Right("", "events", "", false, List.of("list"), Operation.CREATE_VOLUME));
        rights.add(new Right("networking.k8s.io", "networkpolicies", "", false, List.of("create", "list", "delete"),
                Operation.CUT_OFF_ZONE));
        if (target.ingress().kind() == Target.IngressKind.ROUTE) {
            rights.add(new Right("route.openshift.io", "routes", "", false, List.of("create", "get", "list", "delete"),
                    Operation.EXPOSE));
        } else {
            rights.add(new Right("networking.k8s.io", "ingresses", "", false, List.of("create", "get", "list", "delete"),
                    Operation.EXPOSE));
        }
        return rights;
    }

    private List<Capability> rights() {
        String namespace = target.kubernetes().fixedNamespaces() ? target.kubernetes().namespaces().get(0)
                : target.kubernetes().namespacePrefix() + "-preflight";
        List<Capability> found = new ArrayList<>();
        for (Right right : rightsUsed(target)) {
            List<String> denied = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String verb : right.verbs()) {
                SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                        .withVerb(verb).withGroup(right.group()).withResource(right.resource())
                        .withSubresource(right.subresource()).withNamespace(right.clusterScoped() ? null : namespace)
                        .endResourceAttributes().endSpec().build();
                SelfSubjectAccessReview answer = api.call("review the right to " + verb + " " + right.resource(),
                        () -> api.client().authorization().v1().selfSubjectAccessReview().create(review));
                if (answer.getStatus() == null || answer.getStatus().getAllowed() == null) {
                    unknown.add(verb);
                } else if (!answer.getStatus().getAllowed()) {
                    denied.add(verb);
                }
            }
            String name = "right: " + right.describe();
            String where = right.clusterScoped() ? "cluster-wide" : "in namespace " + namespace;
            if (!denied.isEmpty()) {
                found.add(Capability.missing(name, "denied " + String.join(", ", denied) + " " + where
                        + " (see deploy/kubernetes/)", right.neededFor()));
            } else if (!unknown.isEmpty()) {
                found.add(Capability.unverified(name, "the API server gave no answer to the access review of "
                        + String.join(", ", unknown), right.neededFor()));
            } else {
                found.add(Capability.present(name, "allowed " + where, right.neededFor()));
            }
        }
        return found;
    }

    // --- zones and storage classes ---

    private Capability zones() {
        List<String> profile = target.zones();
        List<Node> nodes;
        try {
            nodes = api.call("list nodes", () -> api.client().nodes().list().getItems());
        } catch (PlatformException e) {
            return Capability.unverified("zones (two or more for the zone checks)", "the nodes cannot be listed ("
                    + e.getMessage() + "); the profile's zones " + profile + " are taken as given", Operation.PLACE_IN_ZONE,
                    Operation.CUT_OFF_ZONE);
        }
        Set<String> onNodes = nodes.stream().map(node -> node.getMetadata().getLabels() == null ? null
                : node.getMetadata().getLabels().get(ProbePods.ZONE_KEY)).filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        List<String> absent = profile.stream().filter(zone -> !onNodes.contains(zone)).toList();
        String detail = "the nodes' zones " + onNodes + ", the profile's " + profile;
        if (!absent.isEmpty()) {
            return Capability.missing("zones (two or more for the zone checks)", detail + ": no node in " + absent,
                    Operation.PLACE_IN_ZONE, Operation.CUT_OFF_ZONE);
        }
        return profile.size() >= 2 ? Capability.present("zones (two or more for the zone checks)", detail,
                Operation.PLACE_IN_ZONE, Operation.CUT_OFF_ZONE)
                : Capability.missing("zones (two or more for the zone checks)", detail + ": one zone only",
                Operation.CUT_OFF_ZONE);
    }

    private List<Capability> storageClasses() {
        Target.StorageClasses classes = target.kubernetes().storageClasses();
        List<Capability> found = new ArrayList<>(List.of(storageClass(classes.readWriteOnce(), Operation.CREATE_VOLUME)));
        if (classes.readWriteMany() == null) {
            found.add(Capability.missing("storage class for ReadWriteMany", "the profile names none "
                    + "(kubernetes.storageClasses.readWriteMany)", Operation.SHARE_VOLUME));
        } else {
            found.add(storageClass(classes.readWriteMany(), Operation.SHARE_VOLUME));
        }
        return found;
    }

    private Capability storageClass(String name, Operation neededFor) {
        String capability = "storage class " + name;
        try {
            StorageClass found = api.call("get storage class " + name, () -> api.client().storage().v1().storageClasses()
                    .withName(name).get());
            if (found == null) {
                return Capability.missing(capability, "no such storage class", neededFor);
            }
            return Capability.present(capability, "provisioner " + found.getProvisioner() + ", volume binding mode "
                    + found.getVolumeBindingMode(), neededFor);
        } catch (PlatformException e) {
            return Capability.unverified(capability, "it cannot be read (" + e.getMessage() + "); a claim of it is tried below",
                    neededFor);
        }
    }

    // --- the probe pair ---

    private List<Capability> withProbePair(List<Capability> foundSoFar) {
        String image = target.probeImage();
        String imageName = "probe image pulled by digest";
        if (image == null) {
            return List.of(Capability.missing(imageName, "the profile names no probeImage (publish-probe prints it)",
                            Operation.DEPLOY),
                    Capability.unverified("network policies enforced", "no probe pair can run without a probe image",
                            Operation.CUT_OFF_ZONE),
                    Capability.unverified("ingress answers over TLS", "no probe can run without a probe image", Operation.EXPOSE));
        }
        List<String> cannotDeploy = foundSoFar.stream().filter(c -> c.status() == Capability.Status.MISSING
                && (c.neededFor().contains(Operation.DEPLOY) || c.neededFor().contains(Operation.EVERY_CHECK)))
                .map(Capability::name).toList();
        if (!cannotDeploy.isEmpty()) {
            String why = "no probe pair can be deployed without " + cannotDeploy;
            return List.of(Capability.unverified(imageName, why, Operation.DEPLOY),
                    Capability.unverified("network policies enforced", why, Operation.CUT_OFF_ZONE),
                    Capability.unverified("ingress answers over TLS", why, Operation.EXPOSE));
        }
        List<Capability> found = new ArrayList<>();
        Ownership owner = Ownership.of("preflight-" + Long.toString(Instant.now().getEpochSecond(), 36), "ClusterPreflight.probe_pair",
                Instant.now().plus(Duration.ofHours(1)));
        KubernetesTenant tenant = (KubernetesTenant) platform.createTenant(owner, "preflight");
        try {
            Target.StorageClasses classes = target.kubernetes().storageClasses();
            Volume single = tenant.createVolume(VolumeSpec.of("single", CLAIM_BYTES));
            Volume shared = classes.readWriteMany() == null ? null : tenant.createVolume(VolumeSpec.of("shared", CLAIM_BYTES)
                    .sharedByInstances());
            List<Zone> zones = tenant.zones();
            WorkloadSpec server = WorkloadSpec.probe("server").inZone(zones.get(0)).mount(single, "/data");
            WorkloadSpec client = WorkloadSpec.probe("client").inZone(zones.get(zones.size() > 1 ? 1 : 0));
            if (shared != null) {
                server = server.mount(shared, "/shared");
                client = client.mount(shared, "/shared");
            }
            KubernetesWorkload serving = (KubernetesWorkload) tenant.deploy(server);
            KubernetesWorkload asking = (KubernetesWorkload) tenant.deploy(client);
            try {
                serving.awaitReady(1, PAIR_READY);
                asking.awaitReady(1, PAIR_READY);
                found.add(Capability.present(imageName, image + " ran in a probe pair", Operation.DEPLOY));
            } catch (PlatformException e) {
                found.add(Capability.missing(imageName, image + ": the probe pair was not ready (" + podStates(serving, asking)
                        + ")", Operation.DEPLOY));
                found.add(volume(single, "ReadWriteOnce", Operation.CREATE_VOLUME));
                if (shared != null) {
                    found.add(volume(shared, "ReadWriteMany", Operation.SHARE_VOLUME));
                }
                found.add(Capability.unverified("network policies enforced", "the probe pair did not run", Operation.CUT_OFF_ZONE));
                found.add(Capability.unverified("ingress answers over TLS", "the probe pair did not run", Operation.EXPOSE));
                return found;
            }
            found.add(volume(single, "ReadWriteOnce", Operation.CREATE_VOLUME));
            if (shared != null) {
                found.add(volume(shared, "ReadWriteMany", Operation.SHARE_VOLUME));
            }
            found.add(unlessRightsMissing(foundSoFar, Operation.CUT_OFF_ZONE, "network policies enforced",
                    () -> networkPolicies(tenant, serving, asking)));
            found.add(unlessRightsMissing(foundSoFar, Operation.EXPOSE, "ingress answers over TLS", () -> ingress(tenant, serving)));
        } catch (PlatformException e) {
            found.add(Capability.unverified("probe pair", "it could not be set up: " + e.getMessage(), Operation.DEPLOY));
        } finally {
            tenant.close();
        }
        return found;
    }

    /** The test of a capability, or UNVERIFIED when the rights it needs are missing: never try what may not be done. */
    private static Capability unlessRightsMissing(List<Capability> foundSoFar, Operation operation, String name,
                                                  java.util.function.Supplier<Capability> test) {
        List<String> missingRights = foundSoFar.stream().filter(c -> c.status() == Capability.Status.MISSING
                && c.name().startsWith("right: ") && c.neededFor().contains(operation)).map(Capability::name).toList();
        return missingRights.isEmpty() ? test.get() : Capability.unverified(name, "not tried without " + missingRights, operation);
    }

    private static Capability volume(Volume volume, String accessMode, Operation neededFor) {
        String name = "volume of access mode " + accessMode + " bound";
        try {
            Duration took = volume.awaitBound(Duration.ofSeconds(30));
            return Capability.present(name, "a claim was bound within " + took.toSeconds() + " s", neededFor);
        } catch (PlatformException e) {
            return Capability.missing(name, e.getMessage(), neededFor);
        }
    }

    private static String podStates(KubernetesWorkload... workloads) {
        List<String> states = new ArrayList<>();
        for (KubernetesWorkload workload : workloads) {
            for (Pod pod : workload.pods()) {
                String waiting = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? "no status yet"
                        : pod.getStatus().getContainerStatuses().stream().map(status -> status.getState() != null
                        && status.getState().getWaiting() != null ? status.getState().getWaiting().getReason() + ": "
                        + status.getState().getWaiting().getMessage() : "running, not ready").collect(Collectors.joining("; "));
                states.add(pod.getMetadata().getName() + " " + waiting);
            }
        }
        return states.isEmpty() ? "no pods" : String.join(", ", states);
    }

    /** The client must reach the server without a policy, and must not once a deny-all policy selects the server. */
    private Capability networkPolicies(KubernetesTenant tenant, KubernetesWorkload server, KubernetesWorkload client) {
        String name = "network policies enforced";
        ProbeClient asking = client.instances().get(0).probe();
        String address = server.instances().get(0).address();
        List<ProbeClient.ConnectAttempt> before = asking.connect(address, ProbeMain.SERVICE_PORT, 3, CONNECT_TIMEOUT);
        if (before.stream().noneMatch(ProbeClient.ConnectAttempt::connected)) {
            return Capability.unverified(name, "the probe pair did not reach each other even without a policy (" + address + ":"
                    + ProbeMain.SERVICE_PORT + ": " + before.get(0).error() + "): enforcement cannot be judged on a platform"
                    + " without traffic between pods", Operation.CUT_OFF_ZONE);
        }
        String policy = tenant.resourceName("preflight-deny-all");
        api.run("create NetworkPolicy " + policy, () -> api.client().network().networkPolicies().inNamespace(tenant.namespace())
                .resource(new NetworkPolicyBuilder().withMetadata(tenant.metadata(policy)).withNewSpec().withNewPodSelector()
                        .withMatchLabels(server.selector()).endPodSelector().withPolicyTypes("Ingress", "Egress").endSpec().build())
                .create());
        try {
            org.awaitility.Awaitility.await("the deny-all policy blocking the probe pair").atMost(POLICY_TAKES_EFFECT)
                    .pollInterval(POLICY_RETRY)
                    .until(() -> !asking.connect(address, ProbeMain.SERVICE_PORT, 1, CONNECT_TIMEOUT).get(0).connected());
            return Capability.present(name, "a deny-all policy blocked the probe pair", Operation.CUT_OFF_ZONE);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return Capability.missing(name, "the server still accepted connections " + POLICY_TAKES_EFFECT.toSeconds()
                    + " s after a deny-all NetworkPolicy selected it", Operation.CUT_OFF_ZONE);
        }
    }

    /** Published, admitted, and {@code /health} answered over TLS with a chain the profile's CA bundle trusts. */
    private Capability ingress(KubernetesTenant tenant, KubernetesWorkload server) {
        String name = "ingress answers over TLS";
        String kind = target.ingress().kind() == Target.IngressKind.ROUTE ? "Route" : "Ingress";
        try {
            ExternalEndpoint endpoint = new ExternalAccess(platform, tenant).publish(server, Duration.ofSeconds(60),
                    Duration.ofSeconds(10));
            String status = healthOverTls(endpoint);
            return status.startsWith("HTTP/1.1 200") ? Capability.present(name, kind + " " + endpoint + " answered " + status,
                    Operation.EXPOSE) : Capability.missing(name, kind + " " + endpoint + " answered " + status, Operation.EXPOSE);
        } catch (PlatformException | IOException e) {
            return Capability.missing(name, kind + ": " + e.getMessage(), Operation.EXPOSE);
        }
    }

    private String healthOverTls(ExternalEndpoint endpoint) throws IOException {
        SSLContext tls = Pem.tlsTrustingOnly(endpoint.caBundle());
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(endpoint.connectHost(), endpoint.port()), 5_000);
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(endpoint.hostName())));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: " + endpoint.hostName() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(256), StandardCharsets.ISO_8859_1);
            return answer.lines().findFirst().orElse("nothing");
        }
    }
}
