package nl.logius.platformacceptance.probe;

import com.fasterxml.jackson.databind.JsonNode;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.target.Secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * A registry account (a Harbor robot account), from the profile's secret: {@code user:password}, or a docker config
 * JSON ({@code {"auths": {"<host>": {"auth": "<base64 of user:password>"}}}} or {@code username} and
 * {@code password} in place of {@code auth}). {@link #toString()} never shows the password, and no message of this
 * class quotes the secret's value.
 *
 * @param user     the account's name, e.g. {@code robot$platform-acceptance+probe}
 * @param password the account's password or token
 */
public record RegistryCredentials(String user, String password) {

    /**
     * The account for {@code host} in {@code secret}.
     *
     * @throws IllegalArgumentException saying what is wrong with the secret's shape, never its value
     */
    public static RegistryCredentials of(Secret secret, String host) {
        String value = secret.reveal().strip();
        if (value.startsWith("{")) {
            return fromDockerConfig(secret.name(), value, host);
        }
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("secret '" + secret.name() + "' is neither user:password nor a docker config"
                    + " JSON; expected user:password (a Harbor robot account and its token) or {\"auths\": {...}}");
        }
        return new RegistryCredentials(value.substring(0, colon), value.substring(colon + 1));
    }

    private static RegistryCredentials fromDockerConfig(String name, String json, String host) {
        JsonNode auths;
        try {
            auths = Mappers.JSON.readTree(json).path("auths");
        } catch (IOException e) {
            throw new IllegalArgumentException("secret '" + name + "' starts like JSON but is not valid JSON; expected a "
                    + "docker config JSON {\"auths\": {\"" + host + "\": {\"auth\": \"...\"}}} or user:password");
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = auths.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!registryHost(entry.getKey()).equals(host)) {
                continue;
            }
            JsonNode account = entry.getValue();
            if (account.hasNonNull("auth")) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(account.get("auth").asText()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("secret '" + name + "': auths." + entry.getKey() + ".auth is not "
                            + "base64; expected base64 of user:password");
                }
                int colon = decoded.indexOf(':');
                if (colon <= 0 || colon == decoded.length() - 1) {
                    throw new IllegalArgumentException("secret '" + name + "': auths." + entry.getKey() + ".auth is not "
                            + "base64 of user:password; expected base64 of user:password");
                }
                return new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
            }
            if (account.hasNonNull("username") && account.hasNonNull("password")) {
                return new RegistryCredentials(account.get("username").asText(), account.get("password").asText());
            }
            throw new IllegalArgumentException("secret '" + name + "': auths." + entry.getKey() + " has neither auth nor "
                    + "username and password; expected one of them");
        }
        throw new IllegalArgumentException("secret '" + name + "' is a docker config JSON without an entry for " + host
                + "; expected auths." + host + " with auth, or username and password");
    }

    /** {@code https://harbor.lpc.example/v2/} and {@code harbor.lpc.example} both name {@code harbor.lpc.example}. */
    private static String registryHost(String key) {
        String host = key.replaceFirst("^https?://", "");
        int slash = host.indexOf('/');
        return slash < 0 ? host : host.substring(0, slash);
    }

    @Override
    public String toString() {
        return user + ":****";
    }
}
