package nl.logius.platformacceptance.probe.workload;

import nl.logius.platformacceptance.measure.tls.TlsHandshake;
import nl.logius.platformacceptance.measure.tls.TlsVersionProbe;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault proxy on the loopback interface, in front of an echo server: each fault, and TLS termination. */
class FaultProxyTest {

    private ServerSocket echo;
    private final List<FaultProxy> proxies = new ArrayList<>();

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket connection = echo.accept();
                    Thread worker = new Thread(() -> echoUntilEnd(connection));
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (FaultProxy proxy : proxies) {
            proxy.stop();
        }
        echo.close();
    }

    @Test
    void without_faults_passes_every_byte_unchanged() throws IOException {
        int port = proxy(0, 0, 0);
        byte[] payload = randomBytes(1 << 20);

        try (Socket socket = connect(port)) {
            Thread writer = write(socket, payload);
            byte[] received = socket.getInputStream().readNBytes(payload.length);
            assertThat(received).isEqualTo(payload);
            join(writer);
        }
    }

    @Test
    void latency_delays_each_direction() throws IOException {
        int port = proxy(40, 0, 0);

        try (Socket socket = connect(port)) {
            long start = System.nanoTime();
            socket.getOutputStream().write('x');
            assertThat(socket.getInputStream().read()).isEqualTo('x');
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
        }
    }

    @Test
    void a_transfer_above_the_limit_is_cut() throws IOException {
        int port = proxy(0, 1000, 0);
        byte[] payload = randomBytes(100_000);

        long received = 0;
        try (Socket socket = connect(port)) {
            Thread writer = write(socket, payload);
            received = drain(socket.getInputStream());
            join(writer);
        }
        assertThat(received).isLessThanOrEqualTo(1000);
    }

    @Test
    void an_idle_connection_is_cut_after_the_idle_time() throws IOException {
        int port = proxy(0, 0, 300);

        try (Socket socket = connect(port)) {
            socket.getOutputStream().write('x');
            assertThat(socket.getInputStream().read()).isEqualTo('x');
            long start = System.nanoTime();
            socket.setSoTimeout(5_000);
            assertThat(readEndOrReset(socket.getInputStream())).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofMillis(2_000));
        }
    }

    @Test
    void terminates_tls_with_only_the_protocols_asked_for(@TempDir Path tls) throws Exception {
        X509Certificate certificate = selfSigned(tls, "ingress.test");
        FaultProxy proxy = new FaultProxy(0, "127.0.0.1:" + echo.getLocalPort(), 0, 0, 0, tls, List.of("TLSv1.2", "TLSv1.3"));
        proxies.add(proxy);
        int port = proxy.start();

        List<TlsHandshake> handshakes = TlsVersionProbe.probe("ingress.test", "127.0.0.1", port,
                List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"), Duration.ofSeconds(5));

        assertThat(handshakes).extracting(TlsHandshake::accepted).containsExactly(false, false, true, true);
        assertThat(handshakes.get(3).certificates()).containsExactly(certificate);
    }

    private int proxy(long latencyMillis, long cutAboveBytes, long idleCutMillis) throws IOException {
        FaultProxy proxy = new FaultProxy(0, "127.0.0.1:" + echo.getLocalPort(), latencyMillis, cutAboveBytes,
                idleCutMillis, null, List.of());
        proxies.add(proxy);
        return proxy.start();
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static Thread write(Socket socket, byte[] payload) {
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(payload);
                out.flush();
            } catch (IOException ignored) {
                // a cut connection ends the writing too
            }
        });
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    private static long drain(InputStream in) {
        long total = 0;
        byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
            }
        } catch (IOException reset) {
            // the cut
        }
        return total;
    }

    private static boolean readEndOrReset(InputStream in) {
        try {
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void echoUntilEnd(Socket connection) {
        try (connection) {
            connection.getInputStream().transferTo(connection.getOutputStream());
        } catch (IOException ignored) {
            // the proxy reset the connection
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** Writes key.der and chain.pem of a self-signed EC certificate for the host into the folder. */
    private static X509Certificate selfSigned(Path folder, String host) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + host);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plus(Duration.ofDays(1))), name, key.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        Files.write(folder.resolve("key.der"), key.getPrivate().getEncoded());
        Files.writeString(folder.resolve("chain.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        return certificate;
    }
}
