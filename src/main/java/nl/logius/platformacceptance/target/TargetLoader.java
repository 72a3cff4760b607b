package nl.logius.platformacceptance.target;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.logius.platformacceptance.input.Located;
import nl.logius.platformacceptance.input.StrictYaml;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.target.TargetProfileYaml.IngressYaml;
import nl.logius.platformacceptance.target.TargetProfileYaml.KubernetesYaml;
import nl.logius.platformacceptance.target.TargetProfileYaml.ProxyYaml;
import nl.logius.platformacceptance.target.TargetProfileYaml.RegistryYaml;
import nl.logius.platformacceptance.target.TargetProfileYaml.SecretYaml;

/**
 * Reads a target profile strictly: any problem is a {@link nl.logius.platformacceptance.input.BadInputException}
 * at its {@code file:line:column}. Beyond the YAML shape ({@link TargetProfileYaml}) it checks that
 * <ul>
 *   <li>the kind is known, and a {@code kubernetes} block is there for kubernetes and openshift, absent for local;</li>
 *   <li>name, zones, namespace prefix and namespaces are DNS labels, zones and namespaces at least one and each once;</li>
 *   <li>a cluster's {@code apiServer} is {@code https://host:port}; it authenticates by a kubeconfig {@code context} or
 *       a {@code token} that names an entry of {@code secrets} (never the token itself), not both; its namespaces come
 *       from a {@code namespacePrefix} or a list of pre-created {@code namespaces}, exactly one of them;
 *       {@code storageClasses} names the ReadWriteOnce class and optionally the ReadWriteMany one;</li>
 *   <li>a cluster's ingress has a {@code domain} (a host per exposed workload under it) and no single {@code host},
 *       and its {@code kind} is {@code ingress} or, on OpenShift only, {@code route} (the default there);</li>
 *   <li>the release label can name a folder; {@code runDeadline} is a positive duration ({@code 90s}, {@code 20m},
 *       {@code 1h30m});</li>
 *   <li>{@code ingress.caBundle} is null on the local platform (it makes its own CA) and otherwise names a PEM
 *       file that exists, relative to the profile's folder;</li>
 *   <li>each threshold override names a knelpunt and threshold of the register, with a value that suits the
 *       threshold's unit;</li>
 *   <li>{@code disruptive} is {@code allowed} or {@code forbidden}; left out, it is allowed on the local platform
 *       only;</li>
 *   <li>each secret comes from exactly one of {@code env} and {@code file}, never from a literal value. Whether
 *       the variable is set or the file exists is checked when the secret is used ({@link Secret#resolve}),
 *       so that a profile validates on a machine without the secrets.</li>
 *   <li>a {@code registry} names {@code host[:port]}, a repository path, optionally a CA bundle (as the ingress's),
 *       and its {@code credentials} by the name of an entry of {@code secrets};</li>
 *   <li>a {@code proxy} is {@code http://host:port} without user or password (those would be a secret written
 *       into the profile), and its {@code noProxy} entries are host names or {@code .domain} suffixes;</li>
 *   <li>{@code probeImage} is pinned by digest ({@code host/repository@sha256:<64 hex>}: a tag can be moved, a
 *       digest cannot), only on a cluster target, and names the registry's repository when there is one.</li>
 * </ul>
 */
public final class TargetLoader {

    /** Where the default local profile lives in the project, and under which name it is embedded in the jar. */
    public static final Path DEFAULT_LOCAL_FILE = Path.of("suites/targets/local.yaml");

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final Pattern SECRET_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A repository path as the OCI distribution specification writes it: lower-case components joined by '/'. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern PINNED_IMAGE = Pattern.compile("([^/@]+)/([^@]+)@sha256:([0-9a-f]{64})");
    private static final String PINNED_IMAGE_EXAMPLE = "host/repository@sha256:<64 hex digits>, such as "
            + "harbor.lpc.example/platform-acceptance/probe@sha256:" + "0".repeat(8) + "... (publish-probe prints it)";

    private final Path source;
    private final Register register;

    private TargetLoader(Path source, Register register) {
        this.source = source;
        this.register = register;
    }

    /** Reads the profile {@code file}; threshold overrides are checked against {@code register}. */
    public static Target load(Path file, Register register) {
        return new TargetLoader(file, register).target(StrictYaml.read(file, TargetProfileYaml.class));
    }

    /**
     * The local reference platform: {@code suites/targets/local.yaml} of the working folder if it is there, else
     * the copy embedded in the jar (whose {@link Target#source()} is then {@code classpath:suites/targets/local.yaml}).
     */
    public static Target loadDefaultLocal(Register register) {
        return Files.isRegularFile(DEFAULT_LOCAL_FILE) ? load(DEFAULT_LOCAL_FILE, register) : loadEmbeddedLocal(register);
    }

    static Target loadEmbeddedLocal(Register register) {
        String resource = DEFAULT_LOCAL_FILE.toString();
        return new TargetLoader(StrictYaml.resourceSource(resource), register)
                .target(StrictYaml.readResource(resource, TargetProfileYaml.class));
    }

    private Target target(TargetProfileYaml yaml) {
        String name = dnsLabel(yaml.name(), "name");
        PlatformKind kind = kind(yaml.kind());
        String release = yaml.release().value();
        if (!ReleaseLabel.valid(release)) {
            throw yaml.release().problem("malformed release '" + release + "'; " + ReleaseLabel.EXPECTED);
        }
        List<String> zones = zones(yaml.zones());
        Duration runDeadline = duration(yaml.runDeadline());
        Target.Ingress ingress = ingress(yaml.ingress(), kind);
        Map<String, Map<String, Double>> overrides = overrides(yaml.thresholds());
        Map<String, SecretRef> secrets = secrets(yaml.secrets());
        Target.Kubernetes kubernetes = kubernetes(yaml.kubernetes(), yaml.kind(), kind, secrets);
        Target.Registry registry = registry(yaml.registry(), secrets);
        Target.Proxy proxy = proxy(yaml.proxy());
        String probeImage = probeImage(yaml.probeImage(), kind, registry);
        String description = yaml.description() == null ? "" : yaml.description().value().strip();
        boolean disruptiveAllowed = disruptiveConsent(yaml.disruptive(), kind);
        return new Target(source, name, kind, description, release, zones, overrides, ingress, kubernetes, secrets,
                runDeadline, disruptiveAllowed, registry, proxy, probeImage);
    }

    /**
     * The operator's consent to disruptive checks: on the local reference platform they are the point and allowed
     * unless the profile forbids them; on a shared cluster only when the profile says {@code disruptive: allowed}.
     */
    private static boolean disruptiveConsent(Located<String> disruptive, PlatformKind kind) {
        if (disruptive == null) {
            return kind == PlatformKind.LOCAL;
        }
        return switch (disruptive.value()) {
            case "allowed" -> true;
            case "forbidden" -> false;
            default -> throw disruptive.problem("unknown consent '" + disruptive.value() + "'; expected allowed or forbidden");
        };
    }

    private static PlatformKind kind(Located<String> kind) {
        return Arrays.stream(PlatformKind.values()).filter(k -> k.id().equals(kind.value())).findFirst()
                .orElseThrow(() -> kind.problem("unknown kind '" + kind.value() + "'; expected one of "
                        + Arrays.stream(PlatformKind.values()).map(PlatformKind::id).collect(Collectors.joining(", "))));
    }

    private static String dnsLabel(Located<String> value, String what) {
        if (!DNS_LABEL.matcher(value.value()).matches()) {
            throw value.problem("malformed " + what + " '" + value.value() + "'; expected a DNS label: lower-case "
                    + "letters, digits and '-', at most 63, starting and ending with a letter or digit");
        }
        return value.value();
    }

    private static List<String> zones(Located<List<Located<String>>> zones) {
        return distinctDnsLabels(zones, "zone", "at least one zone, e.g. [zone-a, zone-b]");
    }

    /** A non-empty list of DNS labels, each once ({@code what}: zone, namespace). */
    private static List<String> distinctDnsLabels(Located<List<Located<String>>> labels, String what, String expected) {
        if (labels.value().isEmpty()) {
            throw labels.problem("no " + what + "s; expected " + expected);
        }
        Map<String, Located<String>> seen = new HashMap<>();
        for (Located<String> label : labels.value()) {
            dnsLabel(label, what);
            Located<String> first = seen.putIfAbsent(label.value(), label);
            if (first != null) {
                throw label.problem("duplicate " + what + " '" + label.value() + "' (first at " + first.position()
                        + "); expected each " + what + " once");
            }
        }
        return labels.value().stream().map(Located::value).toList();
    }

    private static Duration duration(Located<String> text) {
        String value = text.value().strip();
        Matcher matcher = DURATION.matcher(value.startsWith("-") ? value.substring(1) : value);
        if (value.isEmpty() || value.equals("-") || !matcher.matches()) {
            throw text.problem("malformed duration '" + value + "'; expected " + TargetProfileYaml.DURATION
                    + " (whole hours h, minutes m and seconds s, in that order)");
        }
        if (value.startsWith("-")) {
            throw text.problem("negative duration '" + value + "'; expected a positive one like 90s, 20m or 1h");
        }
        Duration duration = Duration.ofHours(group(matcher, 1)).plusMinutes(group(matcher, 2))
                .plusSeconds(group(matcher, 3));
        if (duration.isZero()) {
            throw text.problem("zero duration '" + value + "'; expected a positive one like 90s, 20m or 1h");
        }
        return duration;
    }

    private static long group(Matcher matcher, int group) {
        return matcher.group(group) == null ? 0 : Long.parseLong(matcher.group(group));
    }

    private Target.Ingress ingress(Located<IngressYaml> located, PlatformKind kind) {
        IngressYaml yaml = located.value();
        Located<String> caBundle = yaml.caBundle();
        if (kind == PlatformKind.LOCAL) {
            for (Located<String> clusterOnly : java.util.Arrays.asList(yaml.kind(), yaml.domain())) {
                if (clusterOnly != null) {
                    throw clusterOnly.problem("ingress kind and domain on the local platform, whose ingress has one host;"
                            + " expected them only on kubernetes or openshift targets");
                }
            }
            if (yaml.host() == null) {
                throw located.problem("ingress of the local target without host; expected host: NAME, the host name its "
                        + "certificate is made for, like ingress.platform-acceptance.test");
            }
            if (caBundle != null) {
                throw caBundle.problem("caBundle on the local platform, which makes its own certificate authority; "
                        + "expected caBundle: null");
            }
            return new Target.Ingress(host(yaml.host()), null);
        }
        if (yaml.host() != null) {
            throw yaml.host().problem("ingress host on a " + kind.id() + " target, where each exposed workload gets a host "
                    + "of its own; expected domain: NAME, under which the hosts are made (<workload>-<namespace>.<domain>)");
        }
        if (yaml.domain() == null) {
            throw located.problem("ingress of a " + kind.id() + " target without domain; expected domain: NAME, like "
                    + "apps.lpc.example, under which each exposed workload gets a host");
        }
        if (caBundle == null) {
            throw located.problem("ingress of a " + kind.id() + " target without caBundle; expected the path of a "
                    + "PEM file with the CA certificates the endpoint's chain is checked against, relative to the profile");
        }
        return new Target.Ingress(null, pemFile(caBundle), ingressKind(yaml.kind(), kind), host(yaml.domain()));
    }

    private static String host(Located<String> name) {
        if (!HOST.matcher(name.value()).matches()) {
            throw name.problem("malformed host '" + name.value() + "'; expected a lower-case DNS name like "
                    + "ingress.platform-acceptance.test");
        }
        return name.value();
    }

    /** Left out: what the kind of cluster has by default (OpenShift: Routes; Kubernetes: Ingresses). */
    private static Target.IngressKind ingressKind(Located<String> text, PlatformKind kind) {
        if (text == null) {
            return kind == PlatformKind.OPENSHIFT ? Target.IngressKind.ROUTE : Target.IngressKind.INGRESS;
        }
        Target.IngressKind ingressKind = Arrays.stream(Target.IngressKind.values()).filter(k -> k.id().equals(text.value()))
                .findFirst().orElseThrow(() -> text.problem("unknown ingress kind '" + text.value()
                        + "'; expected ingress or route"));
        if (ingressKind == Target.IngressKind.ROUTE && kind != PlatformKind.OPENSHIFT) {
            throw text.problem("ingress kind route on a " + kind.id() + " target: Routes exist on OpenShift only; expected "
                    + "ingress, or kind: openshift");
        }
        return ingressKind;
    }

    private Target.Registry registry(Located<RegistryYaml> located, Map<String, SecretRef> secrets) {
        if (located == null) {
            return null;
        }
        RegistryYaml yaml = located.value();
        String host = hostAndPort(yaml.host());
        String repository = yaml.repository().value();
        if (!REPOSITORY.matcher(repository).matches()) {
            throw yaml.repository().problem("malformed repository '" + repository + "'; expected lower-case path "
                    + "components of letters and digits, joined by '/' (and '.', '_' or '-' inside), like "
                    + "platform-acceptance/probe");
        }
        SecretRef secret = secretNamed(yaml.credentials(), "credentials", secrets, "user:password or a docker config JSON");
        return new Target.Registry(host, repository, yaml.caBundle() == null ? null : pemFile(yaml.caBundle()), secret);
    }

    /** {@code host} or {@code host:port}, a DNS name or an IPv4 address, in lower case. */
    private static String hostAndPort(Located<String> text) {
        String value = text.value();
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? value : value.substring(0, colon);
        String port = colon < 0 ? null : value.substring(colon + 1);
        boolean validPort = port == null || port.matches("[1-9][0-9]{0,4}") && Integer.parseInt(port) <= 65535;
        if (!HOST.matcher(host).matches() || !validPort) {
            throw text.problem("malformed host '" + value + "'; expected host or host:port with a lower-case DNS name "
                    + "or an IPv4 address and a port from 1 to 65535, like harbor.lpc.example or 127.0.0.1:5443");
        }
        return value;
    }

    private static Target.Proxy proxy(Located<ProxyYaml> located) {
        if (located == null) {
            return null;
        }
        ProxyYaml yaml = located.value();
        Located<String> https = yaml.https();
        URI uri;
        try {
            uri = new URI(https.value());
        } catch (URISyntaxException e) {
            throw https.problem("malformed proxy URL '" + https.value() + "'; expected http://host:port");
        }
        if (uri.getRawUserInfo() != null) {
            throw https.problem("proxy URL with a user or password: a secret never stands in a profile; expected "
                    + "http://host:port (a proxy that needs a password is not supported yet)");
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null) {
            throw https.problem("malformed proxy URL '" + https.value() + "'; expected http://host:port, such as "
                    + "http://proxy.lpc.example:3128");
        }
        List<String> noProxy = new java.util.ArrayList<>();
        if (yaml.noProxy() != null) {
            for (Located<String> entry : yaml.noProxy().value()) {
                String name = entry.value().startsWith(".") ? entry.value().substring(1) : entry.value();
                if (!HOST.matcher(name).matches()) {
                    throw entry.problem("malformed noProxy entry '" + entry.value() + "'; expected a lower-case host "
                            + "name or IPv4 address, or a domain suffix starting with '.', like .lpc.example");
                }
                noProxy.add(entry.value());
            }
        }
        return new Target.Proxy(URI.create("http://" + uri.getHost() + ":" + uri.getPort()), noProxy);
    }

    private static String probeImage(Located<String> located, PlatformKind kind, Target.Registry registry) {
        if (located == null) {
            return null;
        }
        String image = located.value();
        if (kind == PlatformKind.LOCAL) {
            throw located.problem("probeImage on a local target, which builds its probe image itself; expected it only"
                    + " on kubernetes or openshift targets");
        }
        Matcher matcher = PINNED_IMAGE.matcher(image);
        if (!matcher.matches() || !REPOSITORY.matcher(matcher.group(2)).matches()) {
            throw located.problem("probeImage '" + image + "' is not pinned by digest (a tag can be moved in the "
                    + "registry, a digest cannot); expected " + PINNED_IMAGE_EXAMPLE);
        }
        if (registry != null && !(matcher.group(1) + "/" + matcher.group(2)).equals(registry.imageName())) {
            throw located.problem("probeImage names " + matcher.group(1) + "/" + matcher.group(2) + ", but publish-probe "
                    + "pushes to " + registry.imageName() + " (registry:); expected the same host and repository");
        }
        return image;
    }

    private Path pemFile(Located<String> caBundle) {
        Path file = relativeToProfile(caBundle.value());
        if (!Files.isRegularFile(file)) {
            throw caBundle.problem("caBundle '" + caBundle.value() + "' does not exist (looked for " + file
                    + "); expected a PEM file, relative to the profile's folder");
        }
        try {
            // Parsed here, so that a bundle no TLS client can use is refused at its line in the profile, not at first use.
            String pem = Files.readString(file);
            if (!pem.contains("-----BEGIN CERTIFICATE-----") || certificates(pem) == 0) {
                throw caBundle.problem("caBundle '" + caBundle.value() + "' holds no certificate; expected a PEM "
                        + "file with -----BEGIN CERTIFICATE----- blocks");
            }
        } catch (java.security.cert.CertificateException e) {
            throw caBundle.problem("caBundle '" + caBundle.value() + "' cannot be read as certificates (" + e.getMessage()
                    + "); expected a PEM file with -----BEGIN CERTIFICATE----- blocks");
        } catch (IOException e) {
            throw caBundle.problem("caBundle '" + caBundle.value() + "' cannot be read (" + e.getClass().getSimpleName()
                    + "); expected a readable PEM file");
        }
        return file;
    }

    /** How many certificates a PEM text holds (the profile sits below the TLS code, so the JDK reads them here). */
    private static int certificates(String pem) throws java.security.cert.CertificateException {
        return java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificates(new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .size();
    }

    /** Relative to the profile's folder, in the same form as the profile's own path (relative or absolute). */
    private Path relativeToProfile(String path) {
        Path folder = source.getParent();
        return folder == null ? Path.of(path).normalize() : folder.resolve(path).normalize();
    }

    private Map<String, Map<String, Double>> overrides(
            Located<Map<Located<String>, Located<Map<Located<String>, Located<Double>>>>> thresholds) {
        Map<String, Map<String, Double>> overrides = new LinkedHashMap<>();
        if (thresholds == null) {
            return overrides;
        }
        for (var entry : thresholds.value().entrySet()) {
            Located<String> id = entry.getKey();
            Knelpunt knelpunt = register.find(id.value()).orElseThrow(() -> id.problem("unknown knelpunt '"
                    + id.value() + "' in thresholds; expected one of the register's knelpunten: "
                    + register.knelpunten().stream().map(Knelpunt::id).collect(Collectors.joining(", "))));
            Map<String, Double> values = new LinkedHashMap<>();
            for (var override : entry.getValue().value().entrySet()) {
                Located<String> name = override.getKey();
                Threshold threshold = knelpunt.threshold(name.value()).orElseThrow(() -> name.problem(
                        "unknown threshold '" + name.value() + "' of " + id.value() + "; expected one of "
                                + knelpunt.thresholds().stream().map(Threshold::name).collect(Collectors.joining(", "))));
                Located<Double> value = override.getValue();
                threshold.unit().problemWith(value.value()).ifPresent(problem -> {
                    throw value.problem(problem + " (the register's unit of " + id.value() + " " + name.value() + ")");
                });
                values.put(name.value(), value.value());
            }
            overrides.put(id.value(), Map.copyOf(values));
        }
        return overrides;
    }

    private Target.Kubernetes kubernetes(Located<KubernetesYaml> located, Located<String> kindText, PlatformKind kind,
                                         Map<String, SecretRef> secrets) {
        if (kind == PlatformKind.LOCAL) {
            if (located != null) {
                throw located.problem("kubernetes block on a local target; expected it only with kind kubernetes "
                        + "or openshift");
            }
            return null;
        }
        if (located == null) {
            throw kindText.problem("kind " + kind.id() + " without a kubernetes block; expected kubernetes: "
                    + "{apiServer, context or token, namespacePrefix or namespaces, storageClasses} in the profile");
        }
        KubernetesYaml yaml = located.value();
        java.net.URI apiServer = apiServer(yaml.apiServer());
        if (yaml.context() != null && yaml.context().value().isBlank()) {
            throw yaml.context().problem("blank context; expected a kubeconfig context, or no context field for "
                    + "the current one");
        }
        if (yaml.context() != null && yaml.token() != null) {
            throw yaml.token().problem("both context and token; expected one: a kubeconfig context, or a token from secrets:");
        }
        SecretRef token = yaml.token() == null ? null : token(yaml.token(), secrets);
        if ((yaml.namespacePrefix() == null) == (yaml.namespaces() == null)) {
            throw (yaml.namespaces() != null ? yaml.namespaces() : located).problem((yaml.namespaces() != null
                    ? "both namespacePrefix and namespaces" : "neither namespacePrefix nor namespaces")
                    + "; expected one: namespacePrefix: PREFIX when the harness may create namespaces, or namespaces: "
                    + "[NAME, ...] of pre-created ones");
        }
        String prefix = yaml.namespacePrefix() == null ? null : dnsLabel(yaml.namespacePrefix(), "namespacePrefix");
        List<String> namespaces = yaml.namespaces() == null ? List.of() : distinctDnsLabels(yaml.namespaces(), "namespace",
                "at least one pre-created namespace, e.g. [pa-acc-1]");
        TargetProfileYaml.StorageClassesYaml classes = yaml.storageClasses().value();
        Target.StorageClasses storageClasses = new Target.StorageClasses(storageClass(classes.readWriteOnce()),
                classes.readWriteMany() == null ? null : storageClass(classes.readWriteMany()));
        return new Target.Kubernetes(apiServer, yaml.caBundle() == null ? null : pemFile(yaml.caBundle()),
                yaml.context() == null ? null : yaml.context().value(), token, prefix, namespaces, storageClasses,
                fsGroup(yaml.fsGroup(), kind));
    }

    private static Long fsGroup(Located<Long> fsGroup, PlatformKind kind) {
        if (fsGroup == null) {
            return null;
        }
        if (kind == PlatformKind.OPENSHIFT) {
            // restricted-v2 assigns the fsGroup from the namespace's range and refuses a pod that asks for another one
            throw fsGroup.problem("fsGroup on an openshift target; expected none: OpenShift assigns it from the "
                    + "namespace's range");
        }
        if (fsGroup.value() < 1 || fsGroup.value() > Integer.MAX_VALUE) {
            throw fsGroup.problem("fsGroup " + fsGroup.value() + "; expected a group id from 1 to " + Integer.MAX_VALUE
                    + " (0 would make the volumes root's)");
        }
        return fsGroup.value();
    }

    private static java.net.URI apiServer(Located<String> text) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(text.value());
        } catch (java.net.URISyntaxException e) {
            throw text.problem("malformed apiServer '" + text.value() + "'; expected https://host:port");
        }
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null || !pathless
                || uri.getRawQuery() != null) {
            throw text.problem("malformed apiServer '" + text.value() + "'; expected https://host:port, such as "
                    + "https://api.lpc.example:6443 (an API server speaks TLS; no user, path or query)");
        }
        return uri;
    }

    /**
     * The token's secret by name. Anything else is refused without repeating it: a value that is no secret's
     * name may be the token itself, written into the profile, and must not reach a message or a log.
     */
    private static SecretRef token(Located<String> name, Map<String, SecretRef> secrets) {
        return secretNamed(name, "token", secrets, "the token");
    }

    /**
     * The secret a field names. A value that names none may be the secret itself, pasted in: it is never repeated
     * in the message, which reaches the terminal and CI logs.
     */
    private static SecretRef secretNamed(Located<String> name, String field, Map<String, SecretRef> secrets, String holds) {
        SecretRef secret = secrets.get(name.value());
        if (secret == null) {
            throw name.problem(field + " is not the name of an entry of secrets: (a secret never stands in a profile, so "
                    + "it is not repeated here); expected the name of an entry of secrets: ("
                    + (secrets.isEmpty() ? "the profile has none" : String.join(", ", secrets.keySet()))
                    + ") whose env: VARIABLE or file: PATH holds " + holds);
        }
        return secret;
    }

    private static String storageClass(Located<String> name) {
        if (!HOST.matcher(name.value()).matches()) {
            throw name.problem("malformed storage class '" + name.value() + "'; expected a Kubernetes object name: "
                    + "lower-case letters, digits, '-' and '.'");
        }
        return name.value();
    }

    private Map<String, SecretRef> secrets(Located<Map<Located<String>, Located<SecretYaml>>> secrets) {
        Map<String, SecretRef> refs = new LinkedHashMap<>();
        if (secrets == null) {
            return refs;
        }
        for (var entry : secrets.value().entrySet()) {
            Located<String> name = entry.getKey();
            if (!SECRET_NAME.matcher(name.value()).matches()) {
                throw name.problem("secret name '" + name.value() + "' is not kebab-case; expected lower-case words "
                        + "and digits joined by '-', e.g. api-token");
            }
            SecretYaml yaml = entry.getValue().value();
            String what = "secret '" + name.value() + "'";
            if (yaml.env() != null && yaml.file() != null) {
                throw entry.getValue().problem(what + " has both env and file; expected exactly one of them");
            }
            if (yaml.env() == null && yaml.file() == null) {
                throw entry.getValue().problem(what + " has neither env nor file; expected env: VARIABLE or "
                        + "file: PATH, since secrets come from env or file only");
            }
            if (yaml.env() != null && !ENV_NAME.matcher(yaml.env().value()).matches()) {
                throw yaml.env().problem("malformed environment variable name '" + yaml.env().value()
                        + "'; expected letters, digits and '_', not starting with a digit, e.g. LPC_TOKEN");
            }
            Located<String> source = yaml.env() != null ? yaml.env() : yaml.file();
            refs.put(name.value(), new SecretRef(name.value(), yaml.env() == null ? null : yaml.env().value(),
                    yaml.file() == null ? null : relativeToProfile(yaml.file().value()),
                    source.file() + ":" + source.line() + ":" + source.column()));
        }
        return refs;
    }
}
