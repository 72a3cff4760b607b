package nl.logius.platformacceptance.probe;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.measure.tls.Pem;
import nl.logius.platformacceptance.target.Target;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * How the harness reaches a target's registry: over TLS that trusts the profile's CA bundle (only it) or, without
 * one, the Java runtime's CAs; through the profile's proxy unless the host is in its {@code noProxy}.
 *
 * <p>Jib builds its HTTP client from the JVM's defaults ({@link SSLContext#getDefault()},
 * {@link ProxySelector#getDefault()}), with no way to hand it others; {@link #asJvmDefaults} installs this
 * connection's for the time of one push and puts the previous ones back. Pushes are one at a time in a process
 * ({@code publish-probe} is a command of its own).
 */
public final class RegistryConnection {

    private static final Object JVM_DEFAULTS = new Object();

    private final Target.Registry registry;
    private final SSLContext tls;
    private final ProxySelector proxy;

    private RegistryConnection(Target.Registry registry, SSLContext tls, ProxySelector proxy) {
        this.registry = registry;
        this.tls = tls;
        this.proxy = proxy;
    }

    /**
     * The connection to {@code registry} through {@code proxy} (null: direct).
     *
     * @throws BadInputException when the CA bundle holds no certificate that can be read
     */
    public static RegistryConnection to(Target.Registry registry, Target.Proxy proxy) {
        return new RegistryConnection(registry, registry.caBundle() == null ? defaultTls() : trusting(registry.caBundle()),
                proxy == null ? java.net.http.HttpClient.Builder.NO_PROXY : new Through(proxy));
    }

    public Target.Registry registry() {
        return registry;
    }

    /** {@code https://host[:port]}. */
    public URI baseUri() {
        return URI.create("https://" + registry.host());
    }

    SSLContext tls() {
        return tls;
    }

    ProxySelector proxySelector() {
        return proxy;
    }

    /** Runs {@code work} (a Jib push) with this connection's TLS trust and proxy as the JVM's defaults. */
    <T> T asJvmDefaults(Callable<T> work) throws Exception {
        synchronized (JVM_DEFAULTS) {
            SSLContext previousTls = SSLContext.getDefault();
            ProxySelector previousProxy = ProxySelector.getDefault();
            SSLContext.setDefault(tls);
            ProxySelector.setDefault(proxy);
            try {
                return work.call();
            } finally {
                SSLContext.setDefault(previousTls);
                ProxySelector.setDefault(previousProxy);
            }
        }
    }

    /** Who is asked: the proxy, or the registry directly. */
    public String route() {
        List<Proxy> route = proxy.select(baseUri());
        return route.isEmpty() || route.get(0).type() == Proxy.Type.DIRECT ? "directly" : "through proxy " + route.get(0).address();
    }

    /** The Java runtime's own trust (its cacerts). */
    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime's TLS cannot be set up: " + e.getMessage(), e);
        }
    }

    private static SSLContext trusting(Path caBundle) {
        List<X509Certificate> certificates;
        try {
            certificates = Pem.readCertificates(Files.readString(caBundle));
        } catch (IOException | RuntimeException e) {
            throw BadInputException.inFile(caBundle, "registry caBundle cannot be read as PEM certificates (" + e.getMessage()
                    + "); expected a PEM file with -----BEGIN CERTIFICATE----- blocks");
        }
        if (certificates.isEmpty()) {
            throw BadInputException.inFile(caBundle, "registry caBundle holds no certificate; expected a PEM file with "
                    + "-----BEGIN CERTIFICATE----- blocks");
        }
        return Pem.tlsTrustingOnly(certificates);
    }

    /**
     * The profile's proxy for every host not in its {@code noProxy}: unlike the JVM's own selector, it does not
     * quietly go direct for {@code localhost} and {@code 127.*}, so that what the profile says is what happens.
     */
    private static final class Through extends ProxySelector {
        private final Target.Proxy proxy;

        Through(Target.Proxy proxy) {
            this.proxy = proxy;
        }

        @Override
        public List<Proxy> select(URI uri) {
            if (uri.getHost() != null && proxy.bypasses(uri.getHost())) {
                return List.of(Proxy.NO_PROXY);
            }
            return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.https().getHost(),
                    proxy.https().getPort())));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
        }
    }
}
