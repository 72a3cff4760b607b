package nl.logius.platformacceptance.probe.workload;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The probe hurts itself on request, so that a platform where the harness has no privilege can still crash
 * or freeze an instance: a real probe process, its crash seen as its exit code.
 */
class SelfDisruptionTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process probe;
    private int servicePort;
    private int adminPort;

    @BeforeEach
    void startAProbe() throws IOException {
        servicePort = freePort();
        adminPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ProbeMain.class.getName()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PROBE_SERVICE_PORT", String.valueOf(servicePort));
        builder.environment().put("PROBE_ADMIN_PORT", String.valueOf(adminPort));
        builder.environment().put("PROBE_INSTANCE", "self-0");
        probe = builder.start();
        await("the probe answers").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> get(adminPort, "/health", Duration.ofSeconds(1)).statusCode() == 200);
    }

    @AfterEach
    void stopTheProbe() {
        probe.destroyForcibly();
    }

    @Test
    void a_hung_probe_holds_every_request_on_both_ports_until_it_is_thawed() throws Exception {
        assertThat(post(adminPort, SelfDisruption.HANG).body()).contains("hangingSince");

        assertThatThrownBy(() -> get(adminPort, "/health", Duration.ofSeconds(1))).isInstanceOf(HttpTimeoutException.class);
        assertThatThrownBy(() -> get(servicePort, "/identity", Duration.ofSeconds(1))).isInstanceOf(HttpTimeoutException.class);
        CompletableFuture<HttpResponse<String>> held = http.sendAsync(request(servicePort, "/identity", Duration.ofSeconds(20))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        assertThat(held).as("held, its connection open").isNotDone();
        assertThat(probe.isAlive()).as("it hangs, it does not crash").isTrue();

        assertThat(post(adminPort, SelfDisruption.THAW).body()).contains("thawedAt");

        assertThat(held.get(10, TimeUnit.SECONDS).statusCode()).as("the held request is answered after the thaw").isEqualTo(200);
        assertThat(get(adminPort, "/health", Duration.ofSeconds(2)).statusCode()).isEqualTo(200);
    }

    @Test
    void a_crashed_probe_answers_and_then_dies_abnormally() throws Exception {
        HttpResponse<String> answer = post(adminPort, SelfDisruption.CRASH);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("haltsAt");
        assertThat(probe.waitFor(10, TimeUnit.SECONDS)).as("the process ended").isTrue();
        assertThat(probe.exitValue()).as("killed-like exit status, no clean shutdown").isEqualTo(137);
    }

    private HttpResponse<String> get(int port, String path, Duration timeout) throws IOException, InterruptedException {
        return http.send(request(port, path, timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path) throws IOException, InterruptedException {
        return http.send(request(port, path, Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(int port, String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
