package nl.logius.platformacceptance.platform.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.platform.ProbeImage;
import nl.logius.platformacceptance.probe.ProbePublisher;
import nl.logius.platformacceptance.probe.PublishException;
import nl.logius.platformacceptance.probe.RegistryConnection;
import nl.logius.platformacceptance.probe.RegistryCredentials;
import nl.logius.platformacceptance.probe.workload.ProbeMain;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.target.Target;
import nl.logius.platformacceptance.target.TargetLoader;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code publish-probe} against a real registry on 127.0.0.1 ({@link DistributionRegistry}: TLS from the test's own
 * CA, a password, as Harbor asks), through the command line as a pipeline calls it, and through a real HTTP proxy:
 * the registry then serves the very image the local platform runs (same digest), and this machine's Docker engine
 * pulls it by digest and runs the probe from it, restricted, answering {@code /health}. A wrong password, a CA
 * that is not trusted, a registry that is down, and bad input each end with their exit code, a message that says
 * what to do, and nothing pushed or recorded; a digest the registry does not serve after the push, or other bytes
 * served under it (its storage rewritten by the test), is a digest mismatch, never a publication.
 *
 * <p>For the engine the test does what an operator does once per registry: the CA under
 * {@code /etc/docker/certs.d/127.0.0.1:PORT/ca.crt} (removed afterwards); the login is the pull's own
 * {@code X-Registry-Auth}, as {@code docker login} would store it, so that no login is left in the engine's config.
 */
class ProbeRegistryIT {

    private static final String ROBOT = "robot$platform-acceptance+probe";
    private static final String PASSWORD = "s3cret-" + ProcessHandle.current().pid();
    private static final String REPOSITORY = "platform-acceptance/probe";
    private static final Duration CLI_DEADLINE = Duration.ofMinutes(5);

    @TempDir
    static Path folder;
    private static DistributionRegistry registry;
    private static ConnectProxy proxy;
    private static Path engineCertificates;

    @BeforeAll
    static void startTheRegistry() throws Exception {
        registry = DistributionRegistry.start(Files.createDirectories(folder.resolve("registry")), ROBOT, PASSWORD);
        proxy = new ConnectProxy();
        engineCertificates = Path.of("/etc/docker/certs.d", registry.host());
    }

    @AfterAll
    static void stopTheRegistry() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (engineCertificates != null && Files.exists(engineCertificates)) {
            try (Stream<Path> files = Files.list(engineCertificates)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(engineCertificates);
        }
    }

    @Test
    void publish_probe_pushes_the_image_the_local_platform_runs_and_the_engine_pulls_and_runs_it_by_digest() throws Exception {
        Path record = folder.resolve("published.json");
        Cli published = cli("publish-probe", "--target", profile("through-proxy", registry.host(), true,
                "proxy:\n  https: http://127.0.0.1:" + proxy.port() + "\n", robotSecret(PASSWORD)).toString(),
                "--record", record.toString());

        assertThat(published.exit()).as("exit of publish-probe\n%s", published.output()).isZero();
        JsonNode recorded = Mappers.JSON.readTree(record.toFile());
        String digest = recorded.path("digest").asText();
        String pinned = registry.host() + "/" + REPOSITORY + "@" + digest;
        assertThat(published.output()).contains(pinned).doesNotContain(PASSWORD);
        assertThat(Files.readString(record)).doesNotContain(PASSWORD);
        assertThat(proxy.tunnels()).as("the push went through the profile's proxy").contains(registry.host());

        ProbeImage local = ProbeImages.ensure(EngineConnection.client());
        assertThat(digest).as("the registry holds the bytes the local platform runs").isEqualTo(local.digest());
        assertThat(recorded.path("imageId").asText()).isEqualTo(local.imageId());

        DockerClient docker = DockerClientFactory.instance().client();
        trustTheRegistryInTheEngine();
        try {
            docker.pullImageCmd(registry.host() + "/" + REPOSITORY).withTag(digest)
                    .withAuthConfig(new AuthConfig().withUsername(ROBOT).withPassword(PASSWORD).withRegistryAddress(registry.host()))
                    .exec(new PullImageResultCallback()).awaitCompletion(3, TimeUnit.MINUTES);
            InspectImageResponse pulled = docker.inspectImageCmd(pinned).exec();
            assertThat(pulled.getId()).as("the image the engine pulled by digest").isEqualTo(local.imageId());
            assertThat(pulled.getRepoDigests()).contains(pinned);
            assertThat(healthOfAProbeStartedFrom(docker, pinned)).isEqualTo(200);
        } finally {
            docker.removeImageCmd(pinned).exec(); // only this name: the image itself is the local platform's too
        }
    }

    @Test
    void a_digest_the_registry_does_not_serve_after_a_push_is_a_digest_mismatch_never_a_publication() throws Exception {
        Publication publication = publishWithTheCommandLine("read-back");
        RegistryConnection connection = publication.connection();
        RegistryCredentials robot = new RegistryCredentials(ROBOT, PASSWORD);
        ProbeImage pushed = publication.pushed();
        // The pushed bytes under one bit another digest: what a registry that rewrote the manifest would leave.
        String otherDigest = "sha256:" + (pushed.digest().charAt(7) == '0' ? "1" : "0") + pushed.digest().substring(8);

        assertThat(ProbePublisher.readBack(connection, robot, pushed)).contains("hashing to its digest");
        PublishException mismatch = catchThrowableOfType(PublishException.class, () -> ProbePublisher.readBack(connection, robot,
                new ProbeImage(pushed.name(), otherDigest, pushed.imageId())));

        assertThat(mismatch).isNotNull();
        assertThat(mismatch.kind()).isEqualTo(PublishException.Kind.DIGEST_MISMATCH);
        assertThat(mismatch.getMessage()).contains("serves no manifest under " + otherDigest).contains("do not deploy");
    }

    @Test
    void a_registry_that_serves_other_bytes_under_the_pushed_digest_is_a_digest_mismatch() throws Exception {
        Publication publication = publishWithTheCommandLine("other-bytes");
        RegistryConnection connection = publication.connection();
        ProbeImage pushed = publication.pushed();
        Path stored = registry.storedBlob(pushed.digest());
        String manifest = Files.readString(stored);
        // Storage that no longer holds what was pushed: one digit of the config's size changed, the JSON as valid and
        // as long as before, so the registry serves it as it would any manifest.
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("\"size\":(\\d+)").matcher(manifest);
        assertThat(size.find()).as("a size in the manifest %s", manifest).isTrue();
        char last = manifest.charAt(size.end(1) - 1);
        String rewritten = manifest.substring(0, size.end(1) - 1) + (last == '9' ? '8' : (char) (last + 1))
                + manifest.substring(size.end(1));
        Files.writeString(stored, rewritten);
        try {
            PublishException mismatch = catchThrowableOfType(PublishException.class, () -> ProbePublisher.readBack(connection,
                    new RegistryCredentials(ROBOT, PASSWORD), pushed));

            assertThat(mismatch).as("the read-back of bytes that do not hash to the pushed digest").isNotNull();
            assertThat(mismatch.kind()).isEqualTo(PublishException.Kind.DIGEST_MISMATCH);
            assertThat(mismatch.getMessage()).contains("a manifest whose bytes hash to sha256:").contains("do not deploy")
                    .doesNotContain("hash to " + pushed.digest() + " ");
        } finally {
            Files.writeString(stored, manifest); // the other tests pull the same (reproducible) image
        }
    }

    /** What {@code publish-probe --record} recorded, and a connection to the registry it pushed to. */
    private record Publication(RegistryConnection connection, ProbeImage pushed) {
    }

    private Publication publishWithTheCommandLine(String name) throws Exception {
        Path record = folder.resolve("for-" + name + ".json");
        Cli published = cli("publish-probe", "--target", profile(name, registry.host(), true, "",
                robotSecret(PASSWORD)).toString(), "--record", record.toString());
        assertThat(published.exit()).as("exit of publish-probe\n%s", published.output()).isZero();
        JsonNode recorded = Mappers.JSON.readTree(record.toFile());
        Target target = TargetLoader.load(folder.resolve("profile-" + name + "/target.yaml"),
                RegisterLoader.load(Path.of("suites/knelpunten.yaml")));
        return new Publication(RegistryConnection.to(target.registry(), null), new ProbeImage(recorded.path("name").asText(),
                recorded.path("digest").asText(), recorded.path("imageId").asText()));
    }

    @Test
    void the_same_image_goes_into_an_oci_tarball_that_names_the_pushed_digest() throws Exception {
        Path tar = folder.resolve("probe-oci.tar");
        Path record = folder.resolve("tarball.json");

        Cli written = cli("publish-probe", "--to-tar", tar.toString(), "--record", record.toString());

        assertThat(written.exit()).as("exit of publish-probe --to-tar\n%s", written.output()).isZero();
        Map<String, byte[]> entries = smallEntries(tar);
        assertThat(entries).containsKeys("oci-layout", "index.json", "manifest.json");
        JsonNode index = Mappers.JSON.readTree(entries.get("index.json"));
        String digest = index.path("manifests").get(0).path("digest").asText();
        assertThat(digest).isEqualTo(Mappers.JSON.readTree(record.toFile()).path("digest").asText())
                .isEqualTo(ProbeImages.ensure(EngineConnection.client()).digest());
        assertThat(written.output()).contains(digest).contains(tar.toString());
    }

    @Test
    void a_wrong_password_is_refused_with_exit_3_and_nothing_is_pushed_or_recorded() throws Exception {
        Path record = folder.resolve("wrong-password.json");

        Cli refused = cli("publish-probe", "--target", profile("wrong-password", registry.host(), true, "",
                robotSecret("not-the-password")).toString(), "--record", record.toString());

        assertThat(refused.exit()).as("exit\n%s", refused.output()).isEqualTo(3);
        assertThat(refused.output()).contains("refused the credentials of secret 'registry-robot'")
                .doesNotContain("not-the-password").doesNotContain("@sha256:");
        assertThat(record).doesNotExist();
        assertThat(registry.status("/v2/" + REPOSITORY + "-wrong-password/tags/list", true)).as("no tag pushed").isEqualTo(404);
    }

    @Test
    void a_registry_certificate_of_an_unknown_ca_is_refused_with_exit_3() throws Exception {
        Cli refused = cli("publish-probe", "--target", profile("unknown-ca", registry.host(), false, "",
                robotSecret(PASSWORD)).toString(), "--record", folder.resolve("unknown-ca.json").toString());

        assertThat(refused.exit()).as("exit\n%s", refused.output()).isEqualTo(3);
        assertThat(refused.output()).contains("TLS certificate is not trusted").contains("registry.caBundle");
        assertThat(folder.resolve("unknown-ca.json")).doesNotExist();
    }

    @Test
    void a_registry_that_is_down_is_reported_with_exit_3() throws Exception {
        String closedPort = "127.0.0.1:" + DistributionRegistry.freePort();

        Cli refused = cli("publish-probe", "--target", profile("down", closedPort, true, "", robotSecret(PASSWORD)).toString(),
                "--record", folder.resolve("down.json").toString());

        assertThat(refused.exit()).as("exit\n%s", refused.output()).isEqualTo(3);
        assertThat(refused.output()).contains("could not be reached directly").contains(closedPort);
        assertThat(folder.resolve("down.json")).doesNotExist();
    }

    @Test
    void a_missing_credentials_file_is_bad_input_at_its_line_and_column_with_exit_2() throws Exception {
        Path profile = profile("no-secret-file", registry.host(), true, "", "{file: no-such-robot.txt}");

        Cli refused = cli("publish-probe", "--target", profile.toString());

        assertThat(refused.exit()).as("exit\n%s", refused.output()).isEqualTo(2);
        assertThat(refused.output()).containsPattern(java.util.regex.Pattern.quote(profile.toString()) + ":\\d+:\\d+: secret "
                + "'registry-robot': .*no-such-robot.txt does not exist");
    }

    @Test
    void a_target_without_a_registry_is_bad_input_with_exit_2() {
        Cli refused = cli("publish-probe", "--target", "suites/targets/local.yaml");

        assertThat(refused.exit()).as("exit\n%s", refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("suites/targets/local.yaml: target local has no registry");
    }

    /** A kubernetes profile naming this test's registry; {@code secret} is the YAML of the registry-robot entry. */
    private static Path profile(String name, String host, boolean withCaBundle, String more, String secret) throws IOException {
        Path dir = Files.createDirectories(folder.resolve("profile-" + name));
        Files.copy(registry.caBundle(), dir.resolve("registry-ca.pem"));
        return Files.writeString(dir.resolve("target.yaml"), String.join("\n",
                "name: registry-test-" + name,
                "kind: kubernetes",
                "release: registry-test",
                "zones: [zone-a]",
                "runDeadline: 10m",
                "ingress:",
                "  kind: ingress",
                "  domain: apps.registry-test.example",
                "  caBundle: registry-ca.pem",
                // The cluster is never contacted: publish-probe talks to the registry alone.
                "kubernetes:",
                "  apiServer: https://127.0.0.1:1",
                "  namespacePrefix: pa",
                "  storageClasses: {readWriteOnce: standard}",
                "secrets:",
                "  registry-robot: " + secret,
                "registry:",
                "  host: " + host,
                "  repository: " + REPOSITORY + ("wrong-password".equals(name) ? "-wrong-password" : ""),
                withCaBundle ? "  caBundle: registry-ca.pem" : "",
                "  credentials: registry-robot",
                more));
    }

    /** The secret entry for a robot account in a file of its own, as a pipeline mounts it. */
    private static String robotSecret(String password) throws IOException {
        Path file = Files.createTempFile(folder, "robot-", ".txt");
        Files.writeString(file, ROBOT + ":" + password + "\n");
        return "{file: " + file + "}";
    }

    private static void trustTheRegistryInTheEngine() throws IOException {
        Files.createDirectories(engineCertificates);
        Files.copy(registry.caBundle(), engineCertificates.resolve("ca.crt"));
    }

    /** Starts the probe from {@code image} as the local platform does (restricted) and asks its /health. */
    private static int healthOfAProbeStartedFrom(DockerClient docker, String image) throws Exception {
        HostConfig host = HostConfig.newHostConfig().withPortBindings(
                new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(ProbeMain.ADMIN_PORT)));
        String id = RestrictedSecurity.apply(docker.createContainerCmd(image)
                .withName("pa-registry-it-" + ProcessHandle.current().pid())
                .withLabels(Map.of("platform-acceptance.test", "ProbeRegistryIT"))
                .withExposedPorts(ExposedPort.tcp(ProbeMain.ADMIN_PORT)).withHostConfig(host)).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            Ports.Binding[] bindings = docker.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings()
                    .get(ExposedPort.tcp(ProbeMain.ADMIN_PORT));
            URI health = URI.create("http://127.0.0.1:" + bindings[0].getHostPortSpec() + "/health");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            int[] status = {-1};
            await("the probe from the pulled image answering /health").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                        status[0] = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        return status[0] == 200;
                    });
            return status[0];
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    private static Map<String, byte[]> smallEntries(Path tar) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream archive = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry = archive.getNextEntry(); entry != null; entry = archive.getNextEntry()) {
                if (entry.getSize() < 64 * 1024) {
                    entries.put(entry.getName(), archive.readAllBytes());
                }
            }
        }
        return entries;
    }

    /** The command line as a process of its own, with this JVM's class path, as the launcher starts it. */
    private static Cli cli(String... arguments) {
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dplatform-acceptance.home=" + System.getProperty("platform-acceptance.home", "."),
                    "-cp", System.getProperty("java.class.path"), "nl.logius.platformacceptance.cli.PlatformAcceptance"));
            command.addAll(List.of(arguments));
            Path log = Files.createTempFile(folder, "cli-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(CLI_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("publish-probe did not end within " + CLI_DEADLINE + ":\n" + Files.readString(log));
            }
            return new Cli(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private record Cli(int exit, String output) {
    }
}
