package nl.logius.platformacceptance.measure.tls;

import com.fasterxml.jackson.core.JsonProcessingException;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.platform.PlatformException;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Which TLS protocol versions an endpoint accepts: one handshake per version, offering that version alone,
 * from the harness's side (as a client on the outside would connect).
 *
 * <p>The JDK refuses to speak SSL 3.0, TLS 1.0 and 1.1 ({@code jdk.tls.disabledAlgorithms}), so it could not
 * tell a server that still accepts them from one that does not. The handshakes therefore run in a child
 * JVM of the same runtime in which only those versions (and the 3DES suites that old servers may insist on)
 * are enabled again: the harness's own process keeps the JDK's defaults, so nothing else is weakened. The
 * child trusts any certificate, because it only asks whether a version is spoken; it records the chain,
 * which the harness then validates strictly ({@link CertificateChainInspection}). A server that speaks an
 * old version only with cipher suites this JDK no longer implements would go unseen.
 *
 * <pre>{@code
 * List<TlsHandshake> handshakes = TlsVersionProbe.probe("ingress.example", "127.0.0.1", 8443,
 *         List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"), Duration.ofSeconds(5));
 * }</pre>
 */
public final class TlsVersionProbe {

    /** Versions older than TLS 1.2, which the criterion of KP-NET-06 wants refused. */
    public static final List<String> WEAK_VERSIONS = List.of("SSLv3", "TLSv1", "TLSv1.1");
    public static final List<String> CURRENT_VERSIONS = List.of("TLSv1.2", "TLSv1.3");

    private static final Set<String> REENABLED = Set.of("SSLv3", "TLSv1", "TLSv1.1", "3DES_EDE_CBC");
    private static final Duration CHILD_START_ALLOWANCE = Duration.ofSeconds(20);

    private TlsVersionProbe() {
    }

    /**
     * One handshake per version, in the given order.
     *
     * @param hostName    the name sent as SNI
     * @param connectHost where to connect
     * @throws PlatformException when the handshakes could not be made at all
     */
    public static List<TlsHandshake> probe(String hostName, String connectHost, int port, List<String> versions,
                                           Duration timeout) {
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), TlsVersionProbe.class.getName(),
                hostName, connectHost, String.valueOf(port), String.valueOf(timeout.toMillis())));
        command.addAll(versions);
        Duration deadline = timeout.multipliedBy(versions.size()).plus(CHILD_START_ALLOWANCE);
        try {
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(child.getInputStream(), output), "tls-probe-output");
            reader.start();
            if (!child.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly();
                throw new PlatformException("the TLS handshakes with " + connectHost + ":" + port + " did not finish within "
                        + deadline.toSeconds() + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            if (child.exitValue() != 0) {
                throw new PlatformException("the TLS handshake probe failed (exit " + child.exitValue() + "): "
                        + output.toString(StandardCharsets.UTF_8).strip());
            }
            List<TlsHandshake> handshakes = new ArrayList<>();
            for (String line : output.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    handshakes.add(Mappers.JSON.readValue(line, TlsHandshake.class));
                }
            }
            return handshakes;
        } catch (JsonProcessingException e) {
            throw new PlatformException("the TLS handshake probe answered unreadably: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PlatformException("cannot start the TLS handshake probe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while probing TLS versions", e);
        }
    }

    /**
     * The child: {@code hostName connectHost port timeoutMs version...}; prints one {@link TlsHandshake} as
     * JSON per line. Runs only in its own process.
     */
    public static void main(String[] args) throws JsonProcessingException {
        reenableOldVersions();
        String hostName = args[0];
        String connectHost = args[1];
        int port = Integer.parseInt(args[2]);
        int timeoutMillis = Integer.parseInt(args[3]);
        PrintStream out = System.out;
        for (String version : Arrays.asList(args).subList(4, args.length)) {
            TlsHandshake handshake = handshake(hostName, connectHost, port, timeoutMillis, version);
            out.println(Mappers.JSON.copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(handshake));
        }
        out.flush();
    }

    private static TlsHandshake handshake(String hostName, String connectHost, int port, int timeoutMillis, String version) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(connectHost, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new RecordingTrustManager()}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, hostName, port, true)) {
                tls.setEnabledProtocols(new String[]{version});
                tls.setEnabledCipherSuites(tls.getSupportedCipherSuites());
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(hostName)));
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                List<String> chain = new ArrayList<>();
                for (Certificate certificate : tls.getSession().getPeerCertificates()) {
                    chain.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
                }
                return new TlsHandshake(version, true, tls.getSession().getProtocol(), tls.getSession().getCipherSuite(), chain, null);
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return new TlsHandshake(version, false, null, null, List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** In the child only: the old versions back, everything else as the JDK has it. */
    private static void reenableOldVersions() {
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (disabled != null) {
            Security.setProperty("jdk.tls.disabledAlgorithms", Arrays.stream(disabled.split(","))
                    .map(String::strip).filter(entry -> !REENABLED.contains(entry)).collect(Collectors.joining(", ")));
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the child ended; what it wrote so far is what there is
        }
    }

    /**
     * Accepts any chain: the child only asks whether a version is spoken; the harness validates the chain.
     * An extended trust manager, so that the JDK adds no checks of its own (it would for a plain one).
     */
    private static final class RecordingTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client-side probe");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a client-side probe");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a client-side probe");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately accepted here, and validated by the harness against the CA bundle
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // as above
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // as above
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
