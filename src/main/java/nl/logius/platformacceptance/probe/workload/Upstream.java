package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Where a measuring handler sends its requests: a service's host and port, with the name resolved through
 * the platform's DNS. A connection goes to the first of the addresses, in random order, that accepts it
 * (as curl does); a refused address is not a failed measurement.
 */
record Upstream(String host, int port) {

    static Upstream of(URI url) {
        return new Upstream(url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
    }

    /** A new connection to one of the addresses the name resolves to now. */
    Socket connect(int connectTimeoutMillis) throws IOException {
        List<InetAddress> addresses = new ArrayList<>(Arrays.asList(InetAddress.getAllByName(host)));
        Collections.shuffle(addresses);
        IOException last = new IOException("no address for " + host);
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), connectTimeoutMillis);
                socket.setTcpNoDelay(true);
                return socket;
            } catch (IOException e) {
                last = new IOException("connect " + address.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
                socket.close();
            }
        }
        throw last;
    }

    /** {@code Host:} header value. */
    String authority() {
        return host + ":" + port;
    }
}
