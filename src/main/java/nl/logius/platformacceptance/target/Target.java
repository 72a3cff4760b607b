package nl.logius.platformacceptance.target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A platform release under test, as described by a profile in {@code suites/targets/}.
 *
 * @param source             the profile file (for messages and provenance)
 * @param name               short name, e.g. {@code local}, {@code lpc-acceptance}
 * @param kind               which driver talks to it
 * @param description        one line for people
 * @param release            the release label used when {@code --release} is absent
 * @param zones              the zones workloads are spread over (at least one)
 * @param thresholdOverrides knelpunt id -> threshold name -> value, in the register's unit
 * @param ingress            the external HTTPS endpoint settings (KP-NET-06)
 * @param kubernetes         the Kubernetes/OpenShift settings, or null for the local platform
 * @param secrets            secret name -> where it comes from; values are read at run time only
 * @param runDeadline        the whole run's deadline; a run that passes it stops its checks as broken
 * @param disruptiveAllowed  the operator's consent to disruptive checks (always given on the local platform
 *                           unless the profile withholds it; on a shared cluster only when the profile says so)
 * @param registry           where {@code publish-probe} pushes the probe image, or null
 * @param proxy              the proxy the registry is reached through, or null for a direct connection
 * @param probeImage         the probe image a cluster target deploys, pinned by digest
 *                           ({@code host/repository@sha256:...}), or null
 */
public record Target(Path source, String name, PlatformKind kind, String description, String release,
                     List<String> zones, Map<String, Map<String, Double>> thresholdOverrides, Ingress ingress,
                     Kubernetes kubernetes, Map<String, SecretRef> secrets, Duration runDeadline,
                     boolean disruptiveAllowed, Registry registry, Proxy proxy, String probeImage) {

    public Target {
        zones = List.copyOf(zones);
        thresholdOverrides = Map.copyOf(thresholdOverrides);
        secrets = Map.copyOf(secrets);
    }

    public boolean isLocal() {
        return kind == PlatformKind.LOCAL;
    }

    /** Why disruptive checks may not run here, or empty when the operator consented. */
    public java.util.Optional<String> disruptiveRefusal() {
        return disruptiveAllowed ? java.util.Optional.empty() : java.util.Optional.of("target " + name + " has no consent to"
                + " disruptive checks; an operator gives it with 'disruptive: allowed' in " + source.getFileName());
    }

    /**
     * The external HTTPS endpoint of the platform.
     *
     * @param host     the host name the endpoint's certificate must be valid for (local target); null on a cluster,
     *                 where each exposed workload gets a host of its own under {@code domain}
     * @param caBundle the PEM file with the CA certificates to trust; null on the local platform, which
     *                 creates its own certificate authority and hands its bundle to the checks
     * @param kind     what publishes a workload on a cluster (Ingress or OpenShift Route); null on the local platform
     * @param domain   the DNS domain under which a cluster gives each exposed workload a host; null locally
     */
    public record Ingress(String host, Path caBundle, IngressKind kind, String domain) {

        /** The local platform's ingress: one host, the platform's own certificate authority. */
        public Ingress(String host, Path caBundle) {
            this(host, caBundle, null, null);
        }

        /** {@code <workload>-<namespace>.<domain>}: one host per exposed workload, a single DNS label under the domain. */
        public String hostFor(String workload, String namespace) {
            return workload + "-" + namespace + "." + domain;
        }
    }

    /** What publishes a workload outside a cluster. */
    public enum IngressKind {
        /** A {@code networking.k8s.io/v1} Ingress. */
        INGRESS,
        /** An OpenShift Route with edge TLS termination. */
        ROUTE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * How to reach a Kubernetes or OpenShift cluster, and what the harness may use there.
     *
     * @param apiServer       the API server's URL, e.g. {@code https://api.lpc.example:6443}
     * @param caBundle        the PEM file with the API server's CA certificates, or null for the kubeconfig's (or
     *                        the Java runtime's) trust
     * @param context         the kubeconfig context, or null for the current one (ignored with a token)
     * @param token           the secret that holds a bearer token, or null to authenticate as the kubeconfig says
     * @param namespacePrefix prefix of the namespaces that tenants become (one per run and tenant), or null
     * @param namespaces      the pre-created namespaces tenants use in turn, when the harness may not create any;
     *                        empty with a prefix
     * @param storageClasses  the storage classes that volumes are claimed from
     * @param fsGroup         the group that owns the claimed volumes, so that the non-root probe can write them, or
     *                        null to leave it to the platform: OpenShift's restricted-v2 assigns one from the
     *                        namespace's range (and refuses one outside it); plain Kubernetes assigns none, and most
     *                        provisioners hand out volumes only root can write
     */
    public record Kubernetes(java.net.URI apiServer, Path caBundle, String context, SecretRef token, String namespacePrefix,
                             List<String> namespaces, StorageClasses storageClasses, Long fsGroup) {

        public Kubernetes {
            namespaces = List.copyOf(namespaces);
        }

        /** Whether tenants live in the profile's pre-created namespaces rather than in namespaces of their own. */
        public boolean fixedNamespaces() {
            return !namespaces.isEmpty();
        }
    }

    /**
     * @param readWriteOnce the storage class of a volume that one instance mounts (access mode ReadWriteOnce)
     * @param readWriteMany the storage class of a volume several instances mount read-write at once
     *                      (ReadWriteMany), or null when the cluster has none
     */
    public record StorageClasses(String readWriteOnce, String readWriteMany) {
    }

    /**
     * The container registry of the platform (Harbor on the LPC), which {@code publish-probe} pushes the probe
     * image to.
     *
     * @param host        {@code host[:port]}
     * @param repository  the repository path, e.g. {@code platform-acceptance/probe}
     * @param caBundle    the PEM file with the CA certificates to trust, or null for the Java runtime's own
     * @param credentials the secret that holds {@code user:password} or a docker config JSON (a robot account)
     */
    public record Registry(String host, String repository, Path caBundle, SecretRef credentials) {

        /** {@code host[:port]/repository}, the image's name without tag or digest. */
        public String imageName() {
            return host + "/" + repository;
        }
    }

    /**
     * The HTTP proxy that the registry is reached through.
     *
     * @param https   the proxy's URL, {@code http://host:port}
     * @param noProxy host names ({@code harbor.lpc.example}) and domain suffixes ({@code .lpc.example}) reached
     *                directly
     */
    public record Proxy(java.net.URI https, List<String> noProxy) {

        public Proxy {
            noProxy = List.copyOf(noProxy);
        }

        /** Whether {@code host} is reached without the proxy. */
        public boolean bypasses(String host) {
            String name = host.toLowerCase(java.util.Locale.ROOT);
            return noProxy.stream().anyMatch(entry -> entry.startsWith(".") ? name.endsWith(entry) || name.equals(entry.substring(1))
                    : name.equals(entry));
        }
    }
}
