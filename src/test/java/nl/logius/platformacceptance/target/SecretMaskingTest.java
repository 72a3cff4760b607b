package nl.logius.platformacceptance.target;

import nl.logius.platformacceptance.bundle.SecretScan;

import nl.logius.platformacceptance.http.LocalJsonServer;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.TestResult;
import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets sent and received over HTTP through REST Assured and the Allure filter, and secret Allure
 * parameters, stay out of the Allure results: the preventive measures, with a control showing that without
 * them the scan would find the planted secret in the same place.
 */
class SecretMaskingTest {

    private static final Secret TOKEN = Secret.of("api-token", "planted-bearer-token-7f3a9c");
    private static final Secret SESSION = Secret.of("session", "planted-session-cookie-51de02");
    private static final Secret API_KEY = Secret.of("api-key", "planted-api-key-0b77e4");

    @TempDir
    Path results;
    private LocalJsonServer server;
    private AllureLifecycle previous;

    @BeforeEach
    void a_server_on_127_0_0_1_that_sets_a_session_cookie() throws IOException {
        server = LocalJsonServer.start("{\"ok\": true}", Map.of("Set-Cookie", "session=" + SESSION.reveal()));
        previous = Allure.getLifecycle();
    }

    @AfterEach
    void stop() {
        server.close();
        Allure.setLifecycle(previous);
    }

    @Test
    void credential_headers_are_blacklisted_in_the_http_evidence() throws IOException {
        inTestCase(() -> request(SecretMasking.withSensitiveHeadersHidden(RestAssuredConfig.config())));

        assertThat(SecretScan.of(List.of(TOKEN, SESSION, API_KEY), null).scan(results)).isEmpty();
        assertThat(allResults()).contains("[ BLACKLISTED ]");
    }

    @Test
    void without_the_blacklist_the_scan_finds_the_planted_secrets_in_the_same_evidence() throws IOException {
        inTestCase(() -> request(RestAssuredConfig.config()));

        assertThat(SecretScan.of(List.of(TOKEN, SESSION, API_KEY), null).scan(results))
                .extracting(SecretScan.Finding::secret).contains("api-token", "session", "api-key");
    }

    @Test
    void a_secret_parameter_is_recorded_masked_and_without_its_value() throws IOException {
        inTestCase(() -> SecretMasking.maskedParameter("token", TOKEN));

        assertThat(SecretScan.of(List.of(TOKEN), null).scan(results)).isEmpty();
        assertThat(allResults()).contains("\"mode\":\"masked\"").contains("api-token=****");
    }

    /** Why the harness never hands Allure the value: MASKED hides it in the report, not in the result file. */
    @Test
    void allures_own_masked_mode_keeps_the_value_in_the_result_file() throws IOException {
        inTestCase(() -> Allure.parameter("token", TOKEN.reveal(), Parameter.Mode.MASKED));

        assertThat(SecretScan.of(List.of(TOKEN), null).scan(results)).isNotEmpty();
    }

    private void request(RestAssuredConfig config) {
        RestAssured.given().config(config).baseUri(server.url(""))
                .filter(SecretMasking.allureFilter())
                .header("Authorization", "Bearer " + TOKEN.reveal())
                .header("x-api-key", API_KEY.reveal())
                .get("/identity").then().statusCode(200);
    }

    private void inTestCase(Runnable body) {
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
        Allure.setLifecycle(lifecycle);
        String uuid = UUID.randomUUID().toString();
        lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName("masking"));
        lifecycle.startTestCase(uuid);
        try {
            body.run();
        } finally {
            lifecycle.stopTestCase(uuid);
            lifecycle.writeTestCase(uuid);
        }
    }

    private String allResults() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }
}
