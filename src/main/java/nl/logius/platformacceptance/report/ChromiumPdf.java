package nl.logius.platformacceptance.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prints a page of the harness to PDF with headless Chromium's print-to-PDF (Debian's {@code chromium}; the
 * launcher installs it for {@code steering-report} where it is missing, as {@code scripts/browser.sh} does for the
 * tests). The browser reaches nothing but the file it prints: no background networking, no name resolution, and
 * every proxyable request sent to a closed port on 127.0.0.1.
 *
 * <pre>{@code
 * StringBuilder problems = new StringBuilder();
 * Optional<Path> pdf = ChromiumPdf.print(Path.of("reports/2026.11/steering-local.html"), Path.of("out.pdf"), problems);
 * }</pre>
 */
public final class ChromiumPdf {

    private static final long TIMEOUT_SECONDS = 120;
    private static final List<String> NAMES = List.of("chromium", "chromium-browser");

    private ChromiumPdf() {
    }

    /** Chromium on the PATH, or empty. */
    public static Optional<Path> find() {
        String path = System.getenv("PATH");
        return (path == null ? Stream.<String>empty() : Arrays.stream(path.split(File.pathSeparator)))
                .flatMap(folder -> NAMES.stream().map(name -> Path.of(folder, name)))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * Prints {@code page} into {@code pdf} (replacing it in one move, so that a reader never sees half a file).
     *
     * @return the PDF, or empty with the reason in {@code problems}
     */
    public static Optional<Path> print(Path page, Path pdf, StringBuilder problems) {
        Optional<Path> chromium = find();
        if (chromium.isEmpty()) {
            problems.append("no Chromium on this machine; install Debian's as root (apt-get install chromium), or run "
                    + "through ./platform-acceptance, which installs it");
            return Optional.empty();
        }
        Path profile = null;
        Path partial = null;
        try {
            profile = Files.createTempDirectory("platform-acceptance-chromium-");
            partial = Files.createTempFile(pdf.toAbsolutePath().getParent(), "." + pdf.getFileName(), ".tmp");
            Path log = profile.resolve("chromium.log");
            // --no-sandbox: Chromium refuses to start as root without it; it prints only our own page, with no script.
            Process process = new ProcessBuilder(List.of(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
                    "--user-data-dir=" + profile.resolve("profile"), "--no-pdf-header-footer", "--print-to-pdf=" + partial,
                    page.toAbsolutePath().toUri().toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                problems.append("Chromium did not print ").append(page).append(" within ").append(TIMEOUT_SECONDS).append(" s");
                return Optional.empty();
            }
            if (process.exitValue() != 0 || Files.size(partial) == 0) {
                problems.append("Chromium could not print ").append(page).append(" (exit ").append(process.exitValue()).append("): ")
                        .append(Files.readString(log, StandardCharsets.UTF_8).strip());
                return Optional.empty();
            }
            Files.move(partial, pdf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(pdf);
        } catch (IOException e) {
            problems.append("cannot print ").append(page).append(" with ").append(chromium.get()).append(": ").append(e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.append("interrupted while printing ").append(page);
            return Optional.empty();
        } finally {
            deleteQuietly(partial);
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a leftover in the machine's temporary folder is harmless
        }
    }
}
