package nl.logius.platformacceptance.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import nl.logius.platformacceptance.bundle.Sha256;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.ProbeImage;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pushes the probe image to a target's registry with Jib and then asks the registry, on a connection of its own,
 * for the manifest under the pushed digest: only an image the registry serves with exactly the built bytes counts
 * as published. Everything else is a {@link PublishException} that says what to do.
 *
 * <pre>{@code
 * Published published = ProbePublisher.push(build, RegistryConnection.to(registry, proxy), credentials, tag);
 * System.out.println(published.image().pinned());   // harbor.lpc.example/platform-acceptance/probe@sha256:...
 * }</pre>
 */
public final class ProbePublisher {

    static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(30);
    private static final String MANIFEST_TYPES = "application/vnd.oci.image.manifest.v1+json, "
            + "application/vnd.docker.distribution.manifest.v2+json";
    /** Jib's warning when the registry answers a manifest push with another digest (it then goes on regardless). */
    private static final String JIB_DIGEST_WARNING = "Expected image digest";
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private ProbePublisher() {
    }

    /**
     * What was published.
     *
     * @param image        the pushed image, named with its tag, with its digests
     * @param verification what the registry answered when asked for the manifest under the digest
     */
    public record Published(ProbeImage image, String verification) {
    }

    /** Pushes as {@code <registry>/<repository>:<tag>}, then reads the manifest back by digest. */
    public static Published push(ProbeImageBuild build, RegistryConnection connection, RegistryCredentials credentials,
                                 String tag) {
        String reference = connection.registry().imageName() + ":" + tag;
        List<String> digestWarnings = new CopyOnWriteArrayList<>();
        JibContainer pushed;
        try {
            RegistryImage target = RegistryImage.named(reference).addCredential(credentials.user(), credentials.password());
            pushed = connection.asJvmDefaults(() -> build.containerize(Containerizer.to(target).setAllowInsecureRegistries(false),
                    event -> {
                        if (event.getLevel() == LogEvent.Level.WARN && event.getMessage().startsWith(JIB_DIGEST_WARNING)) {
                            digestWarnings.add(event.getMessage());
                        }
                    }));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(PublishException.Kind.REGISTRY_UNAVAILABLE, "interrupted while pushing " + reference, e);
        } catch (Exception e) {
            throw new PublishException(PublishException.Kind.REGISTRY_UNAVAILABLE, "the push to " + connection.baseUri()
                    + " failed: " + why(e, connection, credentials) + "; nothing was published (blobs the registry received "
                    + "without a manifest are left to its garbage collection)", e);
        }
        ProbeImage image = new ProbeImage(reference, pushed.getDigest().toString(), pushed.getImageId().toString());
        if (!digestWarnings.isEmpty()) {
            throw new PublishException(PublishException.Kind.DIGEST_MISMATCH, "the registry answered the push of the manifest "
                    + image.digest() + " with another digest (" + String.join("; ", digestWarnings) + "): it does not hold "
                    + "the image that was built; do not deploy " + reference, null);
        }
        return new Published(image, readBack(connection, credentials, image));
    }

    /**
     * Asks the registry, before anything is built, whether it answers over trusted TLS and takes the credentials for
     * pushing to the repository: a pipeline learns of a wrong password in a second, not after the build.
     */
    public static void checkAccess(RegistryConnection connection, RegistryCredentials credentials) {
        URI base = connection.baseUri().resolve("/v2/");
        try {
            HttpResponse<byte[]> response = authorizedGet(client(connection), base, credentials,
                    connection.registry().repository(), "pull,push");
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new PublishException(PublishException.Kind.REGISTRY_UNAVAILABLE, "the registry at " + connection.baseUri()
                        + " refused the credentials of secret '" + connection.registry().credentials().name() + "' (user "
                        + credentials.user() + ", HTTP " + response.statusCode() + "): a wrong user or password; expected "
                        + "a robot account with push rights on " + connection.registry().repository() + "; nothing was pushed",
                        null);
            }
            if (response.statusCode() != 200) {
                throw new PublishException(PublishException.Kind.REGISTRY_UNAVAILABLE, "the registry at " + base
                        + " answered HTTP " + response.statusCode() + " where an OCI registry answers 200; expected the "
                        + "registry's API at https://" + connection.registry().host() + "/v2/; nothing was pushed", null);
            }
        } catch (IOException e) {
            throw new PublishException(PublishException.Kind.REGISTRY_UNAVAILABLE, "the registry at " + connection.baseUri()
                    + " cannot be used: " + why(e, connection, credentials) + "; nothing was pushed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(PublishException.Kind.REGISTRY_UNAVAILABLE, "interrupted while asking " + base, e);
        }
    }

    /**
     * Asks the registry for the manifest under the digest, as a cluster's runtime will, and checks that its bytes
     * hash to that digest.
     */
    public static String readBack(RegistryConnection connection, RegistryCredentials credentials, ProbeImage image) {
        URI manifest = connection.baseUri().resolve("/v2/" + connection.registry().repository() + "/manifests/" + image.digest());
        try {
            HttpResponse<byte[]> response = authorizedGet(client(connection), manifest, credentials,
                    connection.registry().repository(), "pull");
            if (response.statusCode() == 404) {
                throw new PublishException(PublishException.Kind.DIGEST_MISMATCH, "the registry serves no manifest under "
                        + image.digest() + " right after the push (HTTP 404 for " + manifest + "); do not deploy "
                        + image.pinned(), null);
            }
            if (response.statusCode() != 200) {
                throw new PublishException(PublishException.Kind.REGISTRY_UNAVAILABLE, "the registry answered HTTP "
                        + response.statusCode() + " when asked for the pushed manifest " + manifest + "; the push cannot "
                        + "be confirmed, so it does not count", null);
            }
            String served = "sha256:" + Sha256.of(response.body());
            String announced = response.headers().firstValue("Docker-Content-Digest").orElse(served);
            if (!served.equals(image.digest()) || !announced.equals(image.digest())) {
                throw new PublishException(PublishException.Kind.DIGEST_MISMATCH, "the registry serves, under "
                        + image.digest() + ", a manifest whose bytes hash to " + served + " (announced as " + announced
                        + "): it does not hold the image that was built; do not deploy " + image.pinned(), null);
            }
            return "the registry serves the manifest " + image.digest() + " (" + response.body().length + " bytes, "
                    + "hashing to its digest) at " + manifest;
        } catch (IOException e) {
            throw new PublishException(PublishException.Kind.REGISTRY_UNAVAILABLE, "the pushed manifest could not be read "
                    + "back from " + manifest + " (" + describe(e) + "); the push cannot be confirmed, so it does not count", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(PublishException.Kind.REGISTRY_UNAVAILABLE, "interrupted while reading back " + manifest, e);
        }
    }

    private static HttpClient client(RegistryConnection connection) {
        return HttpClient.newBuilder().sslContext(connection.tls()).proxy(connection.proxySelector())
                .connectTimeout(READ_BACK_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * A GET with the account's password (basic authentication), or, where the registry answers with a Bearer
     * challenge (Harbor), with a token for {@code actions} on the repository from the registry's token service.
     */
    private static HttpResponse<byte[]> authorizedGet(HttpClient http, URI uri, RegistryCredentials credentials,
                                                      String repository, String actions)
            throws IOException, InterruptedException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((credentials.user() + ":" + credentials.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = get(http, uri, basic);
        if (response.statusCode() == 401) {
            Optional<String> token = bearerToken(http, response, basic, repository, actions);
            if (token.isPresent()) {
                response = get(http, uri, "Bearer " + token.get());
            }
        }
        return response;
    }

    private static HttpResponse<byte[]> get(HttpClient http, URI uri, String authorization)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(READ_BACK_TIMEOUT).header("Accept", MANIFEST_TYPES)
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The distribution specification's token flow, for a registry (Harbor) that answers with a Bearer challenge. */
    private static Optional<String> bearerToken(HttpClient http, HttpResponse<byte[]> challenged, String basic, String repository,
                                                String actions) throws IOException, InterruptedException {
        String challenge = challenged.headers().firstValue("WWW-Authenticate").orElse("");
        if (!challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String realm = null;
        String service = null;
        Matcher parameter = CHALLENGE_PARAMETER.matcher(challenge);
        while (parameter.find()) {
            if (parameter.group(1).equalsIgnoreCase("realm")) {
                realm = parameter.group(2);
            } else if (parameter.group(1).equalsIgnoreCase("service")) {
                service = parameter.group(2);
            }
        }
        if (realm == null) {
            return Optional.empty();
        }
        if (!realm.regionMatches(true, 0, "https://", 0, 8)) {
            // The robot account's password goes to the realm: never in clear text.
            throw new PublishException(PublishException.Kind.REGISTRY_UNAVAILABLE, "the registry sends its token requests to "
                    + realm + ", which is not https; the credentials are not sent there, nothing was pushed", null);
        }
        String query = (service == null ? "" : "service=" + URLEncoder.encode(service, StandardCharsets.UTF_8) + "&")
                + "scope=" + URLEncoder.encode("repository:" + repository + ":" + actions, StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(realm + (realm.contains("?") ? "&" : "?") + query))
                .timeout(READ_BACK_TIMEOUT).header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode token = Mappers.JSON.readTree(response.body());
        return Optional.ofNullable(token.hasNonNull("token") ? token.get("token").asText()
                : token.hasNonNull("access_token") ? token.get("access_token").asText() : null);
    }

    /** Why a push failed, in the user's terms: which of reach, trust, and credentials it was. */
    static String why(Throwable error, RegistryConnection connection, RegistryCredentials credentials) {
        String secret = "secret '" + connection.registry().credentials().name() + "'";
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RegistryUnauthorizedException) {
                return "the registry refused the credentials of " + secret + " (user " + credentials.user() + "): a wrong "
                        + "user or password, or an account that may not push to " + connection.registry().repository()
                        + "; expected a robot account with push rights on it";
            }
            if (cause instanceof SSLException || cause instanceof CertificateException
                    || cause instanceof InsecureRegistryException) {
                return "the registry's TLS certificate is not trusted (" + PlatformException.rootCauseOf(cause) + "); expected a "
                        + "certificate for " + connection.registry().host() + " signed by a CA in "
                        + (connection.registry().caBundle() == null ? "the Java runtime's trust store (or name the CA in "
                        + "registry.caBundle)" : "registry.caBundle " + connection.registry().caBundle());
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof HttpTimeoutException || cause instanceof java.net.SocketTimeoutException
                    || cause instanceof org.apache.http.conn.HttpHostConnectException) {
                return "the registry could not be reached " + connection.route() + " (" + describe(cause) + ")";
            }
        }
        return PlatformException.rootCauseOf(error);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage().lines().findFirst().orElse("");
        return error.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
