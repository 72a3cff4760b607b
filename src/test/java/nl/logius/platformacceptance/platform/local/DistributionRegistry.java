package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.measure.tls.Pem;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real OCI registry on 127.0.0.1, standing in for Harbor: Debian's {@code docker-registry} (the CNCF Distribution
 * registry) with TLS from a certificate authority of the test's own ({@link LocalCertificateAuthority}, with the
 * address in the certificate) and basic authentication from an htpasswd file. Installs the package when it is
 * missing ({@code scripts/registry.sh}, as root). Stops by its process when closed.
 *
 * <pre>{@code
 * try (DistributionRegistry registry = DistributionRegistry.start(folder, "robot$pa+probe", password)) { ... }
 * }</pre>
 */
final class DistributionRegistry implements AutoCloseable {

    static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path caBundle;
    private final Path log;
    private final String user;
    private final String password;

    private final Path storage;

    private DistributionRegistry(Process process, int port, Path caBundle, Path log, String user, String password, Path storage) {
        this.storage = storage;
        this.process = process;
        this.port = port;
        this.caBundle = caBundle;
        this.log = log;
        this.user = user;
        this.password = password;
    }

    static DistributionRegistry start(Path folder, String user, String password) throws IOException, InterruptedException {
        installIfMissing();
        int port = freePort();
        LocalCertificateAuthority authority = LocalCertificateAuthority.create("registry test");
        LocalCertificateAuthority.IssuedCertificate certificate = authority.issue("127.0.0.1", Duration.ofDays(1), Duration.ofDays(2));
        Path caBundle = Files.writeString(folder.resolve("registry-ca.pem"), Pem.certificates(List.of(authority.root())));
        Path chain = Files.writeString(folder.resolve("registry.crt"), certificate.chainPem());
        Path key = Files.writeString(folder.resolve("registry.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.keyPkcs8())
                + "\n-----END PRIVATE KEY-----\n");
        Path htpasswd = folder.resolve("htpasswd");
        Process hash = new ProcessBuilder("htpasswd", "-Bbn", user, password).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Files.write(htpasswd, hash.getInputStream().readAllBytes());
        if (!hash.waitFor(30, TimeUnit.SECONDS) || hash.exitValue() != 0) {
            throw new IllegalStateException("htpasswd failed");
        }
        Path storage = Files.createDirectories(folder.resolve("storage"));
        Path config = Files.writeString(folder.resolve("config.yml"), String.join("\n",
                "version: 0.1",
                "log: {level: info}",
                "storage: {filesystem: {rootdirectory: " + storage + "}, delete: {enabled: true}}",
                "http: {addr: 127.0.0.1:" + port + ", tls: {certificate: " + chain + ", key: " + key + "}}",
                "auth: {htpasswd: {realm: platform-acceptance, path: " + htpasswd + "}}",
                ""));
        Path log = folder.resolve("registry.log");
        Process process = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DistributionRegistry registry = new DistributionRegistry(process, port, caBundle, log, user, password, storage);
        try {
            await("the registry on 127.0.0.1:" + port + " answering /v2/").atMost(START_DEADLINE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !process.isAlive() || registry.status("/v2/", false) == 401);
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
            }
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** {@code bash scripts/registry.sh} when {@code docker-registry} or {@code htpasswd} is missing. */
    private static void installIfMissing() throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("platform-acceptance.home", ".")).resolve("scripts/registry.sh");
        Process install = new ProcessBuilder("bash", script.toString()).inheritIO().start();
        if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
            throw new IllegalStateException("docker-registry and htpasswd are needed and could not be installed ("
                    + script + "); install them as root: apt-get install docker-registry apache2-utils");
        }
    }

    /** A port on 127.0.0.1 that nothing listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    Path caBundle() {
        return caBundle;
    }

    /** The HTTP status of a GET on the registry's API, over TLS trusting its CA, with or without the password. */
    int status(String path, boolean authenticated) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("ca", Pem.readCertificates(Files.readString(caBundle)).get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://" + host() + path)).timeout(Duration.ofSeconds(10));
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The file in which the registry keeps the blob (a manifest too) of this digest, as the filesystem driver lays it
     * out: a test rewrites it to play storage that no longer holds what was pushed.
     */
    Path storedBlob(String digest) {
        String hex = digest.substring("sha256:".length());
        return storage.resolve("docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
