package nl.logius.platformacceptance.tracking;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The harness's command line in a process of its own, on the classes and libraries the build packaged, as a user
 * runs it: {@code HarnessCommand.run(work, "readiness", "--service", "DigiD", ...)}. Its output goes to a log in
 * {@code work}.
 */
final class HarnessCommand {

    static final Path HOME = Path.of(System.getProperty("platform-acceptance.home", ".")).toAbsolutePath();

    /** Exit code and output (standard output and error together). */
    record Outcome(int exitCode, String output) {
    }

    private HarnessCommand() {
    }

    static Outcome run(Path work, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dplatform-acceptance.home=" + HOME,
                "-cp", HOME.resolve("target/classes") + File.pathSeparator + HOME.resolve("target/lib") + File.separator + "*",
                "nl.logius.platformacceptance.cli.PlatformAcceptance"));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(work, arguments[0] + "-", ".log");
        Process process = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", arguments) + " did not finish within 10 minutes; see " + log);
        }
        return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
