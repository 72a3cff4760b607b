package nl.logius.platformacceptance.runfolder;

import nl.logius.platformacceptance.platform.RunProcess;
import nl.logius.platformacceptance.target.ReleaseLabel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The folder of one run, {@code <root>/<release>/<run-id>/}: created new (never reused, never overwritten),
 * marked {@value #INCOMPLETE_MARKER} until the run has written everything, so that a killed run's folder
 * does not look like a finished one.
 */
public final class RunFolder {

    public static final String INCOMPLETE_MARKER = "INCOMPLETE";
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final String runId;

    private RunFolder(Path path, String runId) {
        this.path = path;
        this.runId = runId;
    }

    /** A new run folder with a fresh run id such as {@code 20261129T141605Z-3f9a}. */
    public static RunFolder create(Path root, String release, Instant startedAt) {
        for (int attempt = 0; attempt < 10; attempt++) {
            String runId = RUN_ID_TIME.format(startedAt) + "-" + HexFormat.of().toHexDigits((short) RANDOM.nextInt());
            Path path = root.resolve(folderName(release)).resolve(runId);
            try {
                Files.createDirectories(path.getParent());
                Files.createDirectory(path);
                // The process id tells a reader whether the run is still busy or was killed (it is gone).
                Files.writeString(path.resolve(INCOMPLETE_MARKER), "run " + runId + " started " + startedAt
                        + " by process " + RunProcess.current().id()
                        + "; this file is removed when the run has written all of its evidence\n", StandardOpenOption.CREATE_NEW);
                return new RunFolder(path, runId);
            } catch (FileAlreadyExistsException e) {
                // another run took this id in the same second: draw again
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the run folder " + path, e);
            }
        }
        throw new IllegalStateException("cannot find a free run id under " + root);
    }

    public Path path() {
        return path;
    }

    public String runId() {
        return runId;
    }

    public Path allureResults() {
        return path.resolve("allure-results");
    }

    public Path allureReport() {
        return path.resolve("allure-report");
    }

    public Path junit() {
        return path.resolve("junit");
    }

    public Path evidence() {
        return path.resolve("evidence");
    }

    /** Writes a file of the run once; a second write of the same file is a defect. */
    public Path writeOnce(String relative, String content) {
        return writeOnce(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a file of the run once, byte for byte (a copy of an input, say). */
    public Path writeOnce(String relative, byte[] content) {
        Path file = path.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content, StandardOpenOption.CREATE_NEW);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Says in the {@value #INCOMPLETE_MARKER} file why the run ends before it could write everything. */
    public void markIncompleteBecause(String reason) {
        try {
            Files.writeString(path.resolve(INCOMPLETE_MARKER), reason + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + path + " incomplete", e);
        }
    }

    /** The run has written everything: it no longer looks incomplete. */
    public void complete() {
        try {
            Files.deleteIfExists(path.resolve(INCOMPLETE_MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + path + " complete", e);
        }
    }

    /** The inputs refuse a release that is not a plain folder name; one arriving here is a harness defect, never rewritten. */
    private static String folderName(String release) {
        if (!ReleaseLabel.valid(release)) {
            throw new IllegalArgumentException("release '" + release + "' is not a plain folder name; the inputs should have refused it");
        }
        return release;
    }
}
