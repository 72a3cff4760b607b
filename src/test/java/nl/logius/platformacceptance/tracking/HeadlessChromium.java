package nl.logius.platformacceptance.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, for tests that prove a page of the harness renders in a real browser. It is
 * installed by {@code scripts/browser.sh} when absent (as root, with apt-get), as {@code scripts/engine.sh}
 * installs the Docker engine; where that cannot be done, {@link #find()} fails with the script's message: a
 * browser test never passes without a browser.
 *
 * <p>The browser reaches nothing but the file it opens: no background networking, no name resolution, and
 * every proxyable request sent to a closed port on 127.0.0.1.
 */
final class HeadlessChromium {

    private static final long DUMP_TIMEOUT_SECONDS = 90;

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** Chromium, installed first when needed; an {@link AssertionError} naming what to do when it cannot be. */
    static HeadlessChromium find() throws IOException, InterruptedException {
        return new HeadlessChromium(ensured("chromium", "chromium"));
    }

    /**
     * A tool {@code scripts/browser.sh TOOL} installs where it is missing (Debian's {@code debianPackage}), or an
     * {@link AssertionError} naming what to do when it cannot be: a browser test never passes without its tools.
     */
    static Path ensured(String tool, String debianPackage) throws IOException, InterruptedException {
        Path script = HarnessCommand.HOME.resolve("scripts/browser.sh");
        Process process = new ProcessBuilder("bash", script.toString(), tool).redirectErrorStream(false).start();
        String path = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String messages = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || path.isEmpty()) {
            throw new AssertionError("no " + tool + " for the browser test, and " + script + " could not install Debian's "
                    + debianPackage + ": " + messages + " — install it as root (apt-get install " + debianPackage
                    + ") and run again");
        }
        return Path.of(path.lines().reduce((a, b) -> b).orElseThrow());
    }

    Path executable() {
        return executable;
    }

    /**
     * The page's DOM after its scripts ran for up to {@code virtualTimeMillis} of virtual time (the Allure report
     * renders with JavaScript; the overview has none).
     */
    String renderedDom(Path page, String fragment, int virtualTimeMillis, Path scratch) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile-");
        String url = page.toAbsolutePath().toUri() + (fragment.isEmpty() ? "" : "#" + fragment);
        Path dom = scratch.resolve(page.getFileName() + "-" + System.nanoTime() + ".dom.html");
        Path log = scratch.resolve(dom.getFileName() + ".log");
        Process process = new ProcessBuilder(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
                "--user-data-dir=" + profile, "--virtual-time-budget=" + virtualTimeMillis, "--dump-dom", url))
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        if (!process.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not render " + url + " within " + DUMP_TIMEOUT_SECONDS + " s; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("Chromium failed on " + url + " (exit " + process.exitValue() + "): " + Files.readString(log));
        }
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    /** The text a person sees: the DOM without scripts, styles and tags. */
    static String visibleText(String dom) {
        return dom.replaceAll("(?s)<script.*?</script>", " ").replaceAll("(?s)<style.*?</style>", " ")
                .replaceAll("<[^>]+>", " ").replace("&nbsp;", " ").replaceAll("\\s+", " ");
    }
}
