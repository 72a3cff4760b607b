package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sequence-numbered writes to a log on a mounted volume, as a stateful service takes messages: it
 * acknowledges a write (HTTP 200) only once it is durable, so a client that was told "200" may count on it.
 * <ul>
 *   <li>{@code POST /log/append?file=/data/writes.log&seq=17} — appends 17, fsyncs, then answers</li>
 *   <li>{@code GET /log/read?file=/data/writes.log} — every sequence number the log holds, in order</li>
 * </ul>
 * The platform may run it unsafely: {@code PROBE_LOG_WRITE_BEHIND_MS} (the injection of KP-FO-04) makes it
 * acknowledge before the write is durable (see {@link SequenceLog}).
 */
final class SequenceLogHandler implements Handler {

    private final long writeBehindMillis = Long.parseLong(ProbeIdentity.env("PROBE_LOG_WRITE_BEHIND_MS", "0"));
    private final Map<Path, SequenceLog> logs = new ConcurrentHashMap<>();

    @Override
    public void handle(Exchange exchange) throws IOException {
        switch (exchange.path()) {
            case "/log/append" -> {
                if (!exchange.method().equals("POST")) {
                    exchange.json(405, Map.of("error", "a write is a POST"));
                    return;
                }
                long sequence = exchange.longParam("seq", -1);
                if (sequence < 0) {
                    throw new Exchange.BadRequest("missing query parameter 'seq' (a sequence number >= 0)");
                }
                log(exchange).append(sequence);
                exchange.json(200, Map.of("seq", sequence));
            }
            case "/log/read" -> {
                SequenceLog.Contents contents = log(exchange).read();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("file", exchange.param("file"));
                result.put("sequences", contents.sequences());
                result.put("malformedLines", contents.malformedLines());
                result.put("notYetWritten", contents.notYetWritten());
                exchange.json(200, result);
            }
            default -> exchange.json(404, Map.of("error", "no endpoint " + exchange.path()));
        }
    }

    private SequenceLog log(Exchange exchange) throws IOException {
        Path file = Path.of(exchange.param("file"));
        SequenceLog log = logs.get(file);
        if (log == null) {
            synchronized (logs) {
                log = logs.get(file);
                if (log == null) {
                    log = new SequenceLog(file, writeBehindMillis);
                    logs.put(file, log);
                }
            }
        }
        return log;
    }
}
