package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.PlatformUnavailableException;
import nl.logius.platformacceptance.target.Secret;
import nl.logius.platformacceptance.target.Target;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cluster's API server as the driver reaches it: one fabric8 client built from the target profile (its URL,
 * CA bundle, a kubeconfig context or a bearer token from the profile's secrets), and every call made through
 * {@link #call}, which turns the client's errors into the SPI's: a server that does not answer is a
 * {@link PlatformUnavailableException} naming it (and remembered for {@link #unreachableSince}), a refusal
 * (403, 409, 422) a {@link PlatformException} with the server's own words.
 *
 * <p>Nothing waits long on a server that is not there: connections time out after {@link #CONNECT_TIMEOUT},
 * requests after {@link #REQUEST_TIMEOUT}, and the client does not retry (fabric8 would retry ten times with
 * back-off), so that a run against a closed port ends within seconds.
 */
final class ApiServer implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final URI url;
    private final Config config;
    private final KubernetesClient client;
    private final Object healthLock = new Object();
    private Instant lastUnreachableAt;
    private String lastUnreachable;

    private ApiServer(URI url, Config config) {
        this.url = url;
        this.config = config;
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Opening contacts nothing; the token is read from its secret now (a missing one is a PlatformException). */
    static ApiServer of(Target.Kubernetes cluster) {
        Config base = cluster.token() != null ? Config.empty() : kubeconfig(cluster.context());
        ConfigBuilder builder = new ConfigBuilder(base)
                .withMasterUrl(cluster.apiServer().toString())
                .withConnectionTimeout((int) CONNECT_TIMEOUT.toMillis())
                .withRequestTimeout((int) REQUEST_TIMEOUT.toMillis())
                .withRequestRetryBackoffLimit(0)
                .withNamespace(null);
        if (cluster.caBundle() != null) {
            builder.withCaCertFile(cluster.caBundle().toAbsolutePath().toString()).withCaCertData(null).withTrustCerts(false);
        }
        if (cluster.token() != null) {
            try {
                builder.withOauthToken(Secret.resolve(cluster.token()).reveal());
            } catch (IllegalStateException e) {
                throw new PlatformException(e.getMessage(), e);
            }
        }
        // The profile's proxy is for the registry (publish-probe); the API server of a tenant's cluster is reached directly.
        return new ApiServer(cluster.apiServer(), builder.build());
    }

    private static Config kubeconfig(String context) {
        try {
            return Config.autoConfigure(context);
        } catch (RuntimeException e) {
            throw new PlatformException("cannot read the kubeconfig" + (context == null ? "" : " context " + context)
                    + ": " + e.getMessage(), e);
        }
    }

    KubernetesClient client() {
        return client;
    }

    Config config() {
        return config;
    }

    URI url() {
        return url;
    }

    /**
     * Runs one API call. A server that does not answer becomes a {@link PlatformUnavailableException} naming it; any
     * other error a {@link PlatformException} saying {@code what} failed and why, in the server's words.
     */
    <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw translate(what, e);
        }
    }

    void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** As {@link #call}, but a 404 (already gone) is no error: for removals. */
    void runIgnoringMissing(String what, Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw translate(what, e);
            }
        }
    }

    private PlatformException translate(String what, KubernetesClientException e) {
        if (e.getCode() == 0 || causedByIo(e)) {
            String problem = "the API server " + url + " did not answer (" + what + ": " + PlatformException.rootCauseOf(e) + ")";
            synchronized (healthLock) {
                lastUnreachableAt = Instant.now();
                lastUnreachable = problem;
            }
            return new PlatformUnavailableException(problem, e);
        }
        String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        if (e.getCode() == 403) {
            return new PlatformException(what + ": forbidden (HTTP 403) by the cluster: " + reason + "; the tenant's Role "
                    + "lacks this right (see deploy/kubernetes/role.yaml)", e);
        }
        return new PlatformException(what + ": HTTP " + e.getCode() + " from the API server: " + reason, e);
    }

    static boolean isForbidden(PlatformException e) {
        return e.getCause() instanceof KubernetesClientException k && k.getCode() == 403;
    }

    static boolean isNotFound(PlatformException e) {
        return e.getCause() instanceof KubernetesClientException k && k.getCode() == 404;
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException && !(cause instanceof InterruptedIOException && cause.getCause() == null
                    && Thread.currentThread().isInterrupted())) {
                return true;
            }
        }
        return false;
    }

    /** {@code v1.31.2 (platform linux/amd64)}; also the reachability test. */
    VersionInfo version() {
        return call("ask the API server " + url + " for its version", client::getKubernetesVersion);
    }

    /**
     * The last moment the API server did not answer, if at or after {@code since}; asks it for its version first,
     * so that a server that went away while nobody called it is seen too.
     */
    Optional<String> unreachableSince(Instant since) {
        try {
            version();
        } catch (PlatformUnavailableException e) {
            // remembered by translate()
        } catch (PlatformException e) {
            // it answered, with an error: it is there
        }
        synchronized (healthLock) {
            if (lastUnreachableAt == null || lastUnreachableAt.isBefore(since)) {
                return Optional.empty();
            }
            return Optional.of(lastUnreachable + " at " + lastUnreachableAt);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
