package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /connection}: which TCP connection carried this request, as this server sees it (the peer's
 * address and port). Two requests with the same peer came over the same connection; a client that checks
 * connection reuse (KP-NET-04) compares them. Also sent as the {@value #PEER_HEADER} header.
 */
final class ConnectionHandler implements Handler {

    static final String PEER_HEADER = "X-Probe-Peer";

    @Override
    public void handle(Exchange exchange) throws IOException {
        String peer = exchange.http().getRemoteAddress().getAddress().getHostAddress() + ":"
                + exchange.http().getRemoteAddress().getPort();
        exchange.http().getResponseHeaders().set(PEER_HEADER, peer);
        exchange.json(200, Map.of("peer", peer));
    }
}
