package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import org.testcontainers.shaded.com.github.dockerjava.core.DefaultDockerClientConfig;
import org.testcontainers.shaded.com.github.dockerjava.core.DockerClientImpl;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The harness's connections to the Docker engine. Every call has a deadline, {@link #responseTimeout()}: on a
 * TCP engine as the socket's timeout, and always through {@link DockerCalls}, which stops waiting at it (docker-java
 * reads the Unix socket with a native read that no socket timeout ends). An engine that stops answering in the
 * middle of a request (hung, or a socket that accepts and then says nothing) so never hangs the run.
 *
 * <p>Why not Testcontainers' {@code DockerClientFactory}: its client has no response timeout (a call to a
 * silent engine waits forever), its discovery asks the engine for {@code info} without one either, and once
 * discovery failed it refuses for the rest of the process even when the engine is back. The engine is
 * found the same way ({@code DOCKER_HOST}, else {@code /var/run/docker.sock}); docker-java's core comes
 * from the Testcontainers jar, which relocates it.
 *
 * <p>The API version is not pinned: paths without a version get the engine's own, so any engine works.
 */
final class EngineConnection {

    /** Opening a connection to the engine's socket. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a call may wait for its answer; {@code -Dplatform-acceptance.engine-timeout=SECONDS} changes it. */
    static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** An image build streams its progress, but a step that copies the probe's runtime may be silent a while. */
    static final Duration BUILD_RESPONSE_TIMEOUT = Duration.ofSeconds(120);
    /**
     * The question "are you there?" gets a short deadline: it is asked when the engine already seemed gone. An
     * engine that is only busy answers a ping within a second even on a loaded machine.
     */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private static DockerClient client;
    private static DockerClient buildClient;
    private static DockerClient pingClient;

    private EngineConnection() {
    }

    /** The client for ordinary calls (create, start, inspect, remove...). */
    static synchronized DockerClient client() {
        if (client == null) {
            client = open(responseTimeout());
        }
        return client;
    }

    /** The client for image builds, which stream for longer. */
    static synchronized DockerClient buildClient() {
        if (buildClient == null) {
            buildClient = open(BUILD_RESPONSE_TIMEOUT.compareTo(responseTimeout()) > 0 ? BUILD_RESPONSE_TIMEOUT : responseTimeout());
        }
        return buildClient;
    }

    /** The client that only pings, with a short deadline. */
    static synchronized DockerClient pingClient() {
        if (pingClient == null) {
            pingClient = open(PING_TIMEOUT);
        }
        return pingClient;
    }

    static Duration responseTimeout() {
        return Optional.ofNullable(System.getProperty("platform-acceptance.engine-timeout"))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds.strip())))
                .orElse(DEFAULT_RESPONSE_TIMEOUT);
    }

    /** {@code DOCKER_HOST} when set, else the engine's default socket. */
    static URI dockerHost() {
        String host = System.getenv("DOCKER_HOST");
        return URI.create(host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host.strip());
    }

    private static DockerClient open(Duration responseTimeout) {
        URI host = dockerHost();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(host)
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(responseTimeout)
                .build();
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host.toString())
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
