package nl.logius.platformacceptance.report;

import nl.logius.platformacceptance.runfolder.HarnessInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Generates the Allure HTML report offline with Allure's command line, which the build unpacks from Maven
 * Central into {@code target/allure/}. The report is a single {@code index.html} that opens from disk
 * without a web server, and carries no analytics script.
 */
public final class AllureReport {

    private static final long TIMEOUT_SECONDS = 180;

    private AllureReport() {
    }

    /**
     * @return the report's index.html, or empty with the reason printed when the command line is missing
     */
    public static Optional<Path> generate(Path results, Path report, StringBuilder problems) {
        Optional<Path> allure = commandLine();
        if (allure.isEmpty()) {
            problems.append("the Allure command line is not in target/allure/ (run the build: mvn package)");
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(allure.get().toString(), "generate", "--single-file", "--clean",
                "-o", report.toString(), results.toString()));
        // Its output goes to a file, not a pipe read to the end: a hung Allure must not hang the run past the timeout.
        Path log = results.resolveSibling("allure-generate.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ALLURE_NO_ANALYTICS", "true");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                problems.append("Allure did not finish within ").append(TIMEOUT_SECONDS).append(" s");
                return Optional.empty();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            Path index = report.resolve("index.html");
            if (process.exitValue() != 0 || !Files.exists(index)) {
                problems.append("Allure failed (exit ").append(process.exitValue()).append("): ").append(output.strip());
                return Optional.empty();
            }
            return Optional.of(index);
        } catch (IOException e) {
            problems.append("cannot run ").append(allure.get()).append(": ").append(e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.append("interrupted while generating the Allure report");
            return Optional.empty();
        }
    }

    /** {@code -Dplatform-acceptance.allure-home} if given, else {@code <home>/target/allure/allure-*}. */
    static Optional<Path> commandLine() {
        String configured = System.getProperty("platform-acceptance.allure-home");
        if (configured != null) {
            Path bin = Path.of(configured, "bin", "allure");
            return Files.isExecutable(bin) ? Optional.of(bin) : Optional.empty();
        }
        Path unpacked = HarnessInfo.projectHome().resolve("target/allure");
        if (!Files.isDirectory(unpacked)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(unpacked)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("allure-"))
                    .map(p -> p.resolve("bin/allure")).filter(Files::isExecutable).sorted().reduce((a, b) -> b);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
