package nl.logius.platformacceptance.bundle;

import nl.logius.platformacceptance.runfolder.HarnessInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shell script of docs/evidence-bundle.md ("Checking without the harness"), taken from the document
 * itself so that the tests run exactly what an auditor is told to run.
 */
public final class OfflineVerificationScript {

    private static final String MARKER = "<!-- offline-verification-script -->";

    private OfflineVerificationScript() {
    }

    /** The script's exit code and output. */
    public record Outcome(int exitCode, String output) {
    }

    public static String text() throws IOException {
        String doc = Files.readString(HarnessInfo.projectHome().resolve("docs/evidence-bundle.md"), StandardCharsets.UTF_8);
        int marker = doc.indexOf(MARKER);
        if (marker < 0) {
            throw new IllegalStateException("docs/evidence-bundle.md has no " + MARKER);
        }
        int start = doc.indexOf("```sh\n", marker) + "```sh\n".length();
        return doc.substring(start, doc.indexOf("\n```", start) + 1);
    }

    /** Runs the script on {@code folder} with bash; {@code publicKey} null uses the folder's own key. */
    public static Outcome run(Path folder, Path publicKey) throws IOException, InterruptedException {
        return run(folder, publicKey, "");
    }

    /**
     * Runs the script and then {@code next} in the same shell, as an auditor pastes it into a terminal: shows
     * whether a failed check leaves the shell running.
     */
    public static Outcome run(Path folder, Path publicKey, String next) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", text() + next).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("RUN_DIR", folder.toAbsolutePath().toString());
        environment.remove("KEY");
        if (publicKey != null) {
            environment.put("KEY", publicKey.toAbsolutePath().toString());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the offline verification script did not finish within 60 s");
        }
        return new Outcome(process.exitValue(), output);
    }

    /** Whether the standard tools the script needs are on this machine. */
    public static boolean toolsPresent() {
        for (List<String> probe : List.of(List.of("openssl", "version"), List.of("sha256sum", "--version"), List.of("bash", "--version"))) {
            try {
                Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
