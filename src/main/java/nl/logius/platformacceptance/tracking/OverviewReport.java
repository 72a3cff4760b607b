package nl.logius.platformacceptance.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Writes the overview of every run under an output root into {@code <root>/index.md} and {@code <root>/index.html}.
 * {@code report} calls it, and so does every {@code run} at its end: it reads only the small verdicts.json files, so
 * it costs little. Each file is replaced in one move, so that runs finishing at the same time (calibration runs
 * in parallel) never leave a half-written page; the last one to finish writes the fullest.
 *
 * <pre>{@code
 * OverviewReport.Written written = OverviewReport.write(Path.of("reports"), Instant.now());
 * }</pre>
 */
public final class OverviewReport {

    public static final String MARKDOWN = "index.md";
    public static final String HTML = "index.html";

    private OverviewReport() {
    }

    /** What was written, and from how many run folders. */
    public record Written(Path markdown, Path html, Overview overview) {
    }

    public static Written write(Path root, Instant now) {
        Overview overview = Overview.of(RunHistory.scan(root), now);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        Path markdown = replace(root.resolve(MARKDOWN), OverviewMarkdown.render(overview));
        Path html = replace(root.resolve(HTML), OverviewHtml.render(overview));
        return new Written(markdown, html, overview);
    }

    private static Path replace(Path file, String content) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(temporary, content, StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
