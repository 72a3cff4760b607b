package nl.logius.platformacceptance.target;

import io.qameta.allure.Allure;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.restassured.AllureRestAssured;
import io.restassured.config.LogConfig;
import io.restassured.config.RestAssuredConfig;

import java.util.List;

/**
 * Keeps secrets out of the evidence before they get there; the {@link SecretScan} at the end of a run is the
 * net behind it.
 * <ul>
 *   <li>HTTP: the headers that carry credentials are blacklisted in REST Assured's log configuration, which
 *       both REST Assured's logging and the Allure filter honour (the request and response attachments show
 *       {@code [ BLACKLISTED ]}). Credentials belong in these headers, never in a URL or a body.</li>
 *   <li>Allure parameters: Allure's {@link Parameter.Mode#MASKED} hides a value in the report only; the result
 *       file keeps it. So a secret parameter is recorded as {@value #MASK}, never with its value.</li>
 * </ul>
 *
 * <pre>{@code
 * RestAssured.given().config(SecretMasking.withSensitiveHeadersHidden(RestAssured.config()))
 *         .filter(new AllureRestAssured()) ...
 * }</pre>
 */
public final class SecretMasking {

    public static final String MASK = "****";

    /** Headers that carry credentials, compared without case (REST Assured's blacklist ignores case). */
    public static final List<String> SENSITIVE_HEADERS = List.of("Authorization", "Proxy-Authorization", "Cookie",
            "Set-Cookie", "X-Api-Key", "Api-Key", "X-Auth-Token", "X-Access-Token", "Private-Token", "X-Vault-Token",
            "X-Amz-Security-Token", "X-CSRF-Token", "X-Registry-Auth", "X-Goog-Api-Key");

    private SecretMasking() {
    }

    /** {@code config} with the credential headers blacklisted for logging and for the Allure filter. */
    public static RestAssuredConfig withSensitiveHeadersHidden(RestAssuredConfig config) {
        LogConfig log = config.getLogConfig().blacklistDefaultSensitiveHeaders().blacklistHeaders(SENSITIVE_HEADERS);
        return config.logConfig(log);
    }

    /** The Allure filter; it hides the headers that {@link #withSensitiveHeadersHidden} blacklisted. */
    public static AllureRestAssured allureFilter() {
        return new AllureRestAssured();
    }

    /** Records that a check used a secret, by name, without its value. */
    public static void maskedParameter(String name, Secret secret) {
        Allure.parameter(name, secret.name() + "=" + MASK, true, Parameter.Mode.MASKED);
    }
}
