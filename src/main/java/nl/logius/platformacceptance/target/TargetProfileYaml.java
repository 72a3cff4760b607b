package nl.logius.platformacceptance.target;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;
import java.util.Map;
import nl.logius.platformacceptance.input.Located;
import nl.logius.platformacceptance.input.Refuses;
import nl.logius.platformacceptance.input.Required;

/** The shape of a target profile in {@code suites/targets/}, as read by {@link nl.logius.platformacceptance.input.StrictYaml}. */
record TargetProfileYaml(
        @Required @JsonPropertyDescription("a short lower-case name like local") Located<String> name,
        @Required @JsonPropertyDescription("the kind: local, kubernetes or openshift") Located<String> kind,
        @JsonPropertyDescription("one line for people") Located<String> description,
        @Required @JsonPropertyDescription("a release label like local-dev, used when --release is not given")
        Located<String> release,
        @Required @JsonPropertyDescription("a list of zone names like [zone-a, zone-b]")
        Located<List<Located<String>>> zones,
        @Required @JsonPropertyDescription(DURATION) Located<String> runDeadline,
        @Required Located<IngressYaml> ingress,
        @JsonPropertyDescription("a mapping of knelpunt ids to mappings of threshold names to values, e.g. "
                + "KP-STO-04: {sequential-write-throughput: 50}")
        Located<Map<Located<String>, Located<Map<Located<String>, Located<Double>>>>> thresholds,
        Located<KubernetesYaml> kubernetes,
        Located<Map<Located<String>, Located<SecretYaml>>> secrets,
        @JsonPropertyDescription("allowed or forbidden: whether checks that disrupt the platform (kill, freeze, cut off) may run")
        Located<String> disruptive,
        Located<RegistryYaml> registry,
        Located<ProxyYaml> proxy,
        @JsonPropertyDescription("an image pinned by digest like harbor.lpc.example/platform-acceptance/probe@sha256:"
                + "<64 hex digits>, as publish-probe prints it")
        Located<String> probeImage) {

    static final String DURATION = "a duration like 90s, 20m or 1h";

    record IngressYaml(
            @JsonPropertyDescription("the host name of the external HTTPS endpoint (local target)") Located<String> host,
            @JsonSetter(nulls = Nulls.SKIP)
            @JsonPropertyDescription("the path of a PEM file, relative to the profile, or null on the local platform")
            Located<String> caBundle,
            @JsonPropertyDescription("ingress or route: what publishes a workload (kubernetes and openshift targets)")
            Located<String> kind,
            @JsonPropertyDescription("a DNS name like apps.lpc.example; each exposed workload gets a host under it")
            Located<String> domain) {
    }

    record KubernetesYaml(
            @Required @JsonPropertyDescription("the API server's URL like https://api.lpc.example:6443") Located<String> apiServer,
            @JsonPropertyDescription("the path of a PEM file with the API server's CA, relative to the profile")
            Located<String> caBundle,
            @JsonPropertyDescription("a kubeconfig context; leave it out for the current one") Located<String> context,
            @JsonPropertyDescription("the name of an entry of secrets: that holds a bearer token") Located<String> token,
            @JsonPropertyDescription("a DNS label like pa: each tenant gets a namespace of its own")
            Located<String> namespacePrefix,
            @JsonPropertyDescription("a list of pre-created namespaces like [pa-acc-1, pa-acc-2]")
            Located<List<Located<String>>> namespaces,
            @Required Located<StorageClassesYaml> storageClasses,
            @JsonPropertyDescription("a group id like 1001 that owns the claimed volumes (plain Kubernetes); leave it out on OpenShift")
            Located<Long> fsGroup) {
    }

    record StorageClassesYaml(
            @Required @JsonPropertyDescription("the storage class of volumes one instance mounts") Located<String> readWriteOnce,
            @JsonPropertyDescription("the storage class of volumes several instances mount at once") Located<String> readWriteMany) {
    }

    record RegistryYaml(
            @Required @JsonPropertyDescription("host[:port] of the registry, like harbor.lpc.example") Located<String> host,
            @Required @JsonPropertyDescription("a repository path like platform-acceptance/probe") Located<String> repository,
            @JsonSetter(nulls = Nulls.SKIP)
            @JsonPropertyDescription("the path of a PEM file, relative to the profile, or null for the system's CAs")
            Located<String> caBundle,
            @Required @JsonPropertyDescription("the name of an entry in secrets: holding user:password or a docker config JSON")
            Located<String> credentials) {
    }

    record ProxyYaml(
            @Required @JsonPropertyDescription("a proxy URL like http://proxy.lpc.example:3128") Located<String> https,
            @JsonPropertyDescription("a list of host names or .domain suffixes reached without the proxy")
            Located<List<Located<String>>> noProxy) {
    }

    @Refuses(field = "value", reason = "a secret never stands in a profile; expected env: VARIABLE or "
            + "file: PATH, since secrets come from env or file only")
    record SecretYaml(
            @JsonPropertyDescription("the name of an environment variable") Located<String> env,
            @JsonPropertyDescription("the path of a file, relative to the profile") Located<String> file) {
    }
}
