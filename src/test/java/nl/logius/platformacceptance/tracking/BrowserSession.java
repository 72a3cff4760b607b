package nl.logius.platformacceptance.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.logius.platformacceptance.json.Mappers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven as a person drives it: open a page, type into it, click, and read what it
 * shows, through the browser's DevTools protocol on a WebSocket to 127.0.0.1 (no driver binary, none can be
 * downloaded here). The browser reaches nothing but the files it opens, as in {@link HeadlessChromium}.
 *
 * <pre>{@code
 * try (BrowserSession browser = BrowserSession.open(chromium, scratch)) {
 *     browser.navigate(report.toUri() + "#behaviors");
 *     browser.awaitTrue("document.querySelector('.search__input') !== null", Duration.ofSeconds(30));
 * }
 * }</pre>
 */
final class BrowserSession implements AutoCloseable {

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private BrowserSession(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    static BrowserSession open(HeadlessChromium chromium, Path scratch) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-session-");
        Process process = new ProcessBuilder(List.of(chromium.executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1400,1000", "about:blank"))
                .redirectErrorStream(true).redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            Instant deadline = Instant.now().plusSeconds(60);
            while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    throw new AssertionError("Chromium did not open its DevTools port within 60 s (see " + profile + ".log)");
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            JsonNode targets = Mappers.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    page = target.path("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                throw new AssertionError("Chromium has no page to drive: " + targets);
            }
            BrowserSession[] session = new BrowserSession[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
                private final StringBuilder message = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    message.append(data);
                    if (last) {
                        session[0].receive(message.toString());
                        message.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            session[0] = new BrowserSession(process, socket);
            return session[0];
        } catch (Exception e) {
            process.destroyForcibly();
            throw e instanceof IOException io ? io : new IOException("cannot drive Chromium: " + e, e);
        }
    }

    void navigate(String url) throws Exception {
        ObjectNode params = Mappers.JSON.createObjectNode().put("url", url);
        call("Page.navigate", params);
    }

    /** The value of a JavaScript expression in the page. */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = Mappers.JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
        JsonNode result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw on " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until {@code condition} (JavaScript) is true in the page; fails naming it when it does not become true. */
    void awaitTrue(String condition, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        // A page still loading may not have what the condition reads yet: that is "not yet", not a failure.
        while (!evaluate("(() => { try { return Boolean(" + condition + "); } catch (e) { return false; } })()").asBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the page did not show " + condition + " within " + within.toSeconds() + " s; it shows: "
                        + text());
            }
            Thread.sleep(200);
        }
    }

    /** What the page shows a person: its body's rendered text. */
    String text() throws Exception {
        return evaluate("document.body ? document.body.innerText : ''").asText();
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode request = Mappers.JSON.createObjectNode().put("id", id).put("method", method);
        request.set("params", params);
        socket.sendText(Mappers.JSON.writeValueAsString(request), true).get(10, TimeUnit.SECONDS);
        JsonNode response = answer.get(60, TimeUnit.SECONDS);
        if (response.has("error")) {
            throw new AssertionError(method + " failed: " + response.get("error"));
        }
        return response.path("result");
    }

    private void receive(String text) {
        try {
            JsonNode message = Mappers.JSON.readTree(text);
            CompletableFuture<JsonNode> answer = message.has("id") ? pending.remove(message.get("id").asInt()) : null;
            if (answer != null) {
                answer.complete(message);
            }
        } catch (IOException e) {
            pending.values().forEach(p -> p.completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
