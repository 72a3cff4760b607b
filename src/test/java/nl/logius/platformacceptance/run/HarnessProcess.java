package nl.logius.platformacceptance.run;

import com.fasterxml.jackson.databind.JsonNode;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.platform.RunProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness as a process of its own, started as the launcher starts it (with this JVM's class path), so
 * that a test can kill it, cut its engine off, or run two side by side. Its output goes to a log file under
 * the run's {@code --out} folder.
 *
 * <pre>{@code
 * HarnessProcess run = HarnessProcess.run(out, "--release", "killed", "--knelpunt", "KP-FO-01").start();
 * }</pre>
 */
final class HarnessProcess {

    private final Path out;
    private final List<String> arguments;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private Process process;
    private Path log;
    private Instant startedAt;
    private String processLabel;

    private HarnessProcess(Path out, List<String> arguments) {
        this.out = out;
        this.arguments = arguments;
        environment.putAll(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true", "TESTCONTAINERS_CHECKS_DISABLE", "true",
                "TESTCONTAINERS_HOST_OVERRIDE", "localhost", "TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX", "127.0.0.1:1/"));
    }

    /** {@code run --out OUT ARGUMENTS...}. */
    static HarnessProcess run(Path out, String... arguments) {
        List<String> all = new ArrayList<>(List.of("run", "--out", out.toString()));
        all.addAll(List.of(arguments));
        return new HarnessProcess(out, all);
    }

    HarnessProcess withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    HarnessProcess withSystemProperty(String name, String value) {
        jvmOptions.add("-D" + name + "=" + value);
        return this;
    }

    HarnessProcess start() {
        try {
            Files.createDirectories(out);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dplatform-acceptance.home=" + System.getProperty("platform-acceptance.home", ".")));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "nl.logius.platformacceptance.cli.PlatformAcceptance"));
            command.addAll(arguments);
            log = out.resolve("harness-" + System.nanoTime() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            startedAt = Instant.now();
            process = builder.start();
            long start = process.info().startInstant().map(Instant::toEpochMilli).orElseThrow();
            processLabel = new RunProcess(RunProcess.current().host(), process.pid(), start).labelValue();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    /** The value of its resources' {@code platform-acceptance.process} label: {@code host/pid/start-ms}. */
    String processLabel() {
        return processLabel;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as an operator's {@code kill -9} or an OOM killer does: no shutdown hook, no clean-up. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, as Ctrl-C or a CI job's cancel does: the harness may clean up before it exits; its exit code. */
    int terminate(Duration deadline) {
        process.destroy();
        return awaitExit(deadline);
    }

    /** Its exit code; the test fails (and the process is killed) when it runs longer than {@code deadline}. */
    int awaitExit(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                String threads = threadDump();
                kill();
                throw new AssertionError("the harness did not end within " + deadline.toSeconds() + " s (it hangs):\n" + log()
                        + "\nits threads:\n" + threads);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** What a hung harness is doing: its threads, as {@code jstack} sees them. */
    private String threadDump() {
        try {
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    String.valueOf(process.pid())).redirectErrorStream(true).start();
            String dump = new String(jstack.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jstack.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    Duration runningFor() {
        return Duration.between(startedAt, Instant.now());
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The single run folder under {@code out/<release>/}. */
    Path runFolder(String release) {
        try (Stream<Path> folders = Files.list(out.resolve(release))) {
            List<Path> runs = folders.filter(Files::isDirectory).toList();
            assertThat(runs).as("run folders of release %s\n%s", release, log()).hasSize(1);
            return runs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("no run folder of release " + release + "\n" + log(), e);
        }
    }

    JsonNode verdicts(String release) {
        try {
            return Mappers.JSON.readTree(runFolder(release).resolve("verdicts.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("no verdicts.json for release " + release + "\n" + log(), e);
        }
    }

    /** The verdict of one knelpunt in {@code verdicts.json}. */
    JsonNode knelpunt(String release, String id) {
        for (JsonNode knelpunt : verdicts(release).get("knelpunten")) {
            if (knelpunt.get("id").asText().equals(id)) {
                return knelpunt;
            }
        }
        throw new AssertionError("no " + id + " in verdicts.json");
    }
}
