package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.tracking.RunHistory.RunEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps the Allure report's history trend across the runs of one target, the way Allure expects: before the
 * report is generated, the previous run's {@code allure-report/history/} is copied into the new
 * {@code allure-results/history/}.
 *
 * <p>The single-file report ({@code --single-file}) writes no {@code history/} folder; it embeds the history
 * files in its {@code index.html} as {@code d('history/history.json','<base64>')}. {@link #keep} takes them out of
 * the new report into {@code allure-report/history/}, where the next run finds them as plain JSON, so a second
 * generation of the report just for its history is not needed (it would cost about 2 s a run). If a later
 * Allure changes that format, nothing is found, the run says so, and the next trend starts anew.
 *
 * <p>The previous run is the newest finished run of the same target and the same kind: calibration runs,
 * whose failures are deliberate, keep a trend of their own. Earlier run folders are only read, never written.
 */
public final class AllureHistory {

    public static final String HISTORY = "history";
    private static final Pattern EMBEDDED = Pattern.compile("d\\('history/([A-Za-z0-9._-]+\\.json)','([A-Za-z0-9+/=]*)'\\)");

    private AllureHistory() {
    }

    /**
     * Copies the history of the newest earlier run of {@code target} into {@code results/history/}.
     *
     * @return the run it came from, or empty when there is none with a history, or with the reason in
     *         {@code problems} when it could not be copied (the report is then generated without a trend)
     */
    public static Optional<RunEntry> carryOver(RunHistory history, String target, boolean calibration, Path currentRun,
                                               Path results, StringBuilder problems) {
        Optional<RunEntry> previous = history.newestOf(target, calibration, currentRun)
                .filter(run -> Files.isDirectory(run.folder().resolve("allure-report").resolve(HISTORY)));
        if (previous.isEmpty()) {
            return previous;
        }
        Path from = previous.get().folder().resolve("allure-report").resolve(HISTORY);
        try (Stream<Path> files = Files.list(from)) {
            Path to = Files.createDirectories(results.resolve(HISTORY));
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
            return previous;
        } catch (IOException e) {
            problems.append("cannot copy the Allure history from ").append(from).append(": ").append(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Writes the history embedded in a single-file report into {@code history/} next to its index.html.
     *
     * @return the number of history files written (0: the report embeds none, or with the reason in
     *         {@code problems} when they could not be written)
     */
    public static int keep(Path singleFileIndex, StringBuilder problems) {
        try {
            String html = Files.readString(singleFileIndex, StandardCharsets.UTF_8);
            Matcher embedded = EMBEDDED.matcher(html);
            Path folder = singleFileIndex.resolveSibling(HISTORY);
            int written = 0;
            while (embedded.find()) {
                Files.createDirectories(folder);
                Files.write(folder.resolve(embedded.group(1)), Base64.getDecoder().decode(embedded.group(2)));
                written++;
            }
            return written;
        } catch (IOException | IllegalArgumentException e) {
            problems.append("cannot keep the history of ").append(singleFileIndex).append(": ").append(e.getMessage());
            return 0;
        }
    }
}
