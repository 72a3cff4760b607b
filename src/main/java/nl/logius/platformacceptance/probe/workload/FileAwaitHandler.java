package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /files/await?path=/shared/a.bin&sha256=...&budgetMs=2500} — reads the file again and again
 * (every {@value #INTERVAL_MILLIS} ms) until its SHA-256 is the one given, or the budget ran out. Answers
 * whether it matched, after how long, and what was read last: how soon this instance sees what another
 * instance wrote to a shared volume.
 */
final class FileAwaitHandler implements Handler {

    private static final long INTERVAL_MILLIS = 5;

    @Override
    public void handle(Exchange exchange) throws IOException {
        Path path = Path.of(exchange.param("path"));
        String expected = exchange.param("sha256");
        long budgetNanos = exchange.longParam("budgetMs", 2_000) * 1_000_000;
        long start = System.nanoTime();
        int reads = 0;
        String last = "";
        boolean matched = false;
        while (true) {
            reads++;
            last = sha256(path);
            if (expected.equals(last)) {
                matched = true;
                break;
            }
            if (System.nanoTime() - start >= budgetNanos) {
                break;
            }
            Pause.millis(INTERVAL_MILLIS);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", path.toString());
        result.put("matched", matched);
        result.put("micros", (System.nanoTime() - start) / 1_000);
        result.put("reads", reads);
        result.put("lastSha256", last);
        exchange.json(200, result);
    }

    /** The file's SHA-256, or {@code absent} when there is no such file (yet). */
    private static String sha256(Path path) throws IOException {
        try {
            return (String) FilesHandler.checksumOf(path).get("sha256");
        } catch (NoSuchFileException e) {
            return "absent";
        }
    }
}
