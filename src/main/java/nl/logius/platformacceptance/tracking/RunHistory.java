package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.runfolder.RunFolder;
import nl.logius.platformacceptance.verdict.RunVerdicts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The run folders under an output root ({@code reports/} by default): the history of every release. A folder
 * is a run folder when it holds {@code verdicts.json} or the {@value RunFolder#INCOMPLETE_MARKER} marker; a
 * run with the marker was killed or is still running, and never counts as a verdict.
 *
 * <p>Runs with injected faults, and every run under {@code calibration/}, are calibration: they prove that
 * the checks can fail, and say nothing about a release. They are listed apart and never enter release status.
 *
 * <pre>{@code
 * RunHistory history = RunHistory.scan(Path.of("reports"));
 * history.releaseRuns().forEach(run -> System.out.println(run.release() + " " + run.verdicts().exitCode()));
 * }</pre>
 */
public final class RunHistory {

    public static final String VERDICTS_FILE = "verdicts.json";
    private static final String CALIBRATION_FOLDER = "calibration";
    private static final int MAX_DEPTH = 5;
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The state of a run folder. */
    public enum State { COMPLETE, INCOMPLETE, UNREADABLE }

    /**
     * One run folder.
     *
     * @param folder      the folder
     * @param path        the folder relative to the root, with '/' (for links)
     * @param startedAt   when the run started (from verdicts.json, else from the run id)
     * @param verdicts    its verdicts, or null when it is incomplete or unreadable
     * @param problem     why it is unreadable, or null
     * @param calibration whether it is a calibration run (injections, or under calibration/)
     */
    public record RunEntry(Path folder, String path, Instant startedAt, State state, RunVerdicts verdicts, String problem,
                           boolean calibration) {

        public boolean complete() {
            return state == State.COMPLETE;
        }

        public String runId() {
            return verdicts != null ? verdicts.runId() : folder.getFileName().toString();
        }

        public String release() {
            if (verdicts != null) {
                return verdicts.release();
            }
            Path parent = folder.getParent();
            return parent == null ? "?" : parent.getFileName().toString();
        }

        public String target() {
            return verdicts != null ? verdicts.target() : "?";
        }

        /**
         * Whether the run was on the local reference platform, which proves the checks, not an LPC release: from its
         * scope, else (older runs) from its target's kind, else from the name of the default local target.
         */
        public boolean referencePlatform() {
            if (verdicts == null) {
                return false;
            }
            if (verdicts.scope() != null) {
                return verdicts.scope().referencePlatform();
            }
            if (verdicts.provenance() != null && verdicts.provenance().target() != null) {
                return "local".equals(verdicts.provenance().target().kind());
            }
            return "local".equals(verdicts.target());
        }
    }

    private final Path root;
    private final List<RunEntry> runs;

    private RunHistory(Path root, List<RunEntry> runs) {
        this.root = root;
        this.runs = List.copyOf(runs);
    }

    /** Every run folder under {@code root}, newest first; an absent root has no runs. */
    public static RunHistory scan(Path root) {
        List<RunEntry> runs = new ArrayList<>();
        if (Files.isDirectory(root)) {
            collect(root, root, 0, runs);
        }
        runs.sort(Comparator.comparing(RunEntry::startedAt).reversed().thenComparing(RunEntry::path));
        return new RunHistory(root, runs);
    }

    /**
     * The verdicts of one finished run folder, for {@code compare}; a folder that is not one, or not finished,
     * is bad input.
     */
    public static RunVerdicts readFinished(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw BadInputException.argument(folder.toString(), (Files.exists(folder) ? "not a folder" : "no such folder")
                    + "; expected a run folder such as reports/<release>/<run-id>");
        }
        if (Files.exists(folder.resolve(RunFolder.INCOMPLETE_MARKER))) {
            throw BadInputException.argument(folder.toString(), "the run is incomplete (killed, or still running: "
                    + RunFolder.INCOMPLETE_MARKER + " is there); expected a finished run folder");
        }
        Path file = folder.resolve(VERDICTS_FILE);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.argument(folder.toString(), "not a run folder (no " + VERDICTS_FILE
                    + "); expected a run folder such as reports/<release>/<run-id>");
        }
        try {
            RunVerdicts verdicts = Mappers.JSON.readValue(file.toFile(), RunVerdicts.class);
            if (verdicts.runId() == null || verdicts.knelpunten() == null) {
                throw BadInputException.inFile(file, "not the verdicts of a run (no runId or knelpunten); expected "
                        + "the verdicts.json a run writes");
            }
            return verdicts;
        } catch (IOException e) {
            throw BadInputException.inFile(file, "unreadable (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse("") + "); expected the verdicts.json a run writes");
        }
    }

    /** Whether a run is calibration: faults were injected, or it lives under {@code calibration/}. */
    public static boolean isCalibration(String path, List<String> injections) {
        return (injections != null && !injections.isEmpty()) || path.equals(CALIBRATION_FOLDER)
                || path.startsWith(CALIBRATION_FOLDER + "/");
    }

    public Path root() {
        return root;
    }

    /** Every run folder, newest first. */
    public List<RunEntry> runs() {
        return runs;
    }

    /** Finished runs that are verdicts on a release, newest first. */
    public List<RunEntry> releaseRuns() {
        return runs.stream().filter(r -> r.complete() && !r.calibration()).toList();
    }

    /** Finished calibration runs, newest first. */
    public List<RunEntry> calibrationRuns() {
        return runs.stream().filter(r -> r.complete() && r.calibration()).toList();
    }

    /** Runs that did not finish, or whose verdicts cannot be read, newest first. */
    public List<RunEntry> unfinished() {
        return runs.stream().filter(r -> !r.complete()).toList();
    }

    /** The newest finished run of a target of the same kind (release or calibration) other than {@code except}. */
    public Optional<RunEntry> newestOf(String target, boolean calibration, Path except) {
        Path excluded = except.toAbsolutePath().normalize();
        return runs.stream()
                .filter(r -> r.complete() && r.calibration() == calibration && target.equals(r.target()))
                .filter(r -> !r.folder().toAbsolutePath().normalize().equals(excluded))
                .findFirst();
    }

    private static void collect(Path root, Path folder, int depth, List<RunEntry> runs) {
        if (depth > 0 && (Files.exists(folder.resolve(VERDICTS_FILE)) || Files.exists(folder.resolve(RunFolder.INCOMPLETE_MARKER)))) {
            runs.add(entry(root, folder));
            return; // nothing inside a run folder is another run
        }
        if (depth == MAX_DEPTH) {
            return;
        }
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList()) {
                collect(root, child, depth + 1, runs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static RunEntry entry(Path root, Path folder) {
        String path = root.relativize(folder).toString().replace('\\', '/');
        if (Files.exists(folder.resolve(RunFolder.INCOMPLETE_MARKER))) {
            return new RunEntry(folder, path, startOf(folder), State.INCOMPLETE, null,
                    "incomplete: killed, or still running", isCalibration(path, null));
        }
        try {
            RunVerdicts verdicts = Mappers.JSON.readValue(folder.resolve(VERDICTS_FILE).toFile(), RunVerdicts.class);
            if (verdicts.runId() == null || verdicts.startedAt() == null || verdicts.knelpunten() == null) {
                return unreadable(folder, path, "verdicts.json lacks runId, startedAt or knelpunten");
            }
            boolean calibration = isCalibration(path, verdicts.selection() == null ? null : verdicts.selection().injections());
            return new RunEntry(folder, path, verdicts.startedAt(), State.COMPLETE, verdicts, null, calibration);
        } catch (IOException e) {
            return unreadable(folder, path, "verdicts.json unreadable: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static RunEntry unreadable(Path folder, String path, String problem) {
        return new RunEntry(folder, path, startOf(folder), State.UNREADABLE, null, problem, isCalibration(path, null));
    }

    /** A run id starts with its start time ({@code 20261129T141605Z-3f9a}); else the folder's modification time. */
    private static Instant startOf(Path folder) {
        String name = folder.getFileName().toString();
        try {
            return Instant.from(RUN_ID_TIME.parse(name.length() >= 16 ? name.substring(0, 16) : name));
        } catch (DateTimeParseException e) {
            try {
                return Files.getLastModifiedTime(folder).toInstant();
            } catch (IOException notReadable) {
                return Instant.EPOCH;
            }
        }
    }
}
