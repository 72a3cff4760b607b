package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.bundle.TrustedKeys;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.verdict.ReleaseReadiness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the overview of every run under an output root into {@code <root>/index.md} and {@code <root>/index.html},
 * and the steering-group page of each release of each target ({@link SteeringPage}).
 * {@code report} calls it, and so does every {@code run} at its end: it reads only the small verdicts.json files, so
 * it costs little, unless trusted keys are given: then it verifies every run's seal, reading every file. Each file is replaced in one move, so that runs finishing at the same time (calibration runs
 * in parallel) never leave a half-written page; the last one to finish writes the fullest.
 *
 * <pre>{@code
 * OverviewReport.Written written = OverviewReport.write(Path.of("reports"), register, Instant.now());
 * }</pre>
 */
public final class OverviewReport {

    public static final String MARKDOWN = "index.md";
    public static final String HTML = "index.html";

    private OverviewReport() {
    }

    /** What was written, and from how many run folders. */
    public record Written(Path markdown, Path html, List<Path> steeringPages, Overview overview) {
    }

    /** @param register the register in force: which services a knelpunt blocks, where a run did not record it */
    public static Written write(Path root, Register register, Instant now) {
        return write(root, register, now, Optional.empty());
    }

    /** With every run's seal checked against {@code trustedKeys}, when given. */
    public static Written write(Path root, Register register, Instant now, Optional<TrustedKeys> trustedKeys) {
        Overview overview = Overview.of(RunHistory.scan(root), register, now, trustedKeys);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        Path markdown = replace(root.resolve(MARKDOWN), OverviewMarkdown.render(overview));
        Path html = replace(root.resolve(HTML), OverviewHtml.render(overview));
        List<Path> steeringPages = new ArrayList<>();
        ReadinessTracker tracker = overview.readiness();
        for (String target : tracker.targets()) {
            for (ReleaseReadiness release : tracker.releases(target)) {
                if (SteeringPage.writable(release.release(), target)) {
                    steeringPages.add(writeSteeringPage(root, tracker, target, release.release(), now));
                }
            }
        }
        return new Written(markdown, html, steeringPages, overview);
    }

    /** Writes the steering-group page of one release of one target that {@code tracker} knows. */
    public static Path writeSteeringPage(Path root, ReadinessTracker tracker, String target, String release, Instant now) {
        return replace(SteeringPage.file(root, release, target), SteeringPage.render(root, tracker, target, release, now));
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
