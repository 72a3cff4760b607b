package nl.logius.platformacceptance.calibration;

import nl.logius.platformacceptance.bundle.SigningKey;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A run of the harness in a child JVM, as calibration starts its injected runs: the same Java, class path,
 * JVM options and harness system properties as this JVM (so it works from the launcher and from tests), its
 * console written to a log file, and the signing key handed over through standard input (never a file).
 * A child that passes its deadline is killed with its descendants.
 */
final class ChildRun {

    /** System properties that the harness or its libraries read, passed on even where the JVM got them otherwise (Surefire). */
    private static final Set<String> PASSED_PROPERTIES = Set.of("user.home", "java.io.tmpdir");
    private static final Map<Process, Boolean> RUNNING = new ConcurrentHashMap<>();

    static {
        // A calibration stopped with Ctrl-C stops its children too; their resources are swept by label later.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.keySet().forEach(ChildRun::kill), "calibration-children"));
    }

    private ChildRun() {
    }

    /**
     * How a child ended.
     *
     * @param exitCode its exit code, or null when it was killed at its deadline
     */
    record Result(Integer exitCode, long durationMs) {
    }

    /** {@code java [this JVM's options] -cp [this class path] mainClass}. */
    static List<String> javaCommand(String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Set<String> given = new java.util.HashSet<>();
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-agentlib:jdwp") || argument.startsWith("-Xrunjdwp") || argument.startsWith("-agentpath")) {
                continue; // a debugger's port cannot be shared
            }
            if (argument.startsWith("-D")) {
                given.add(argument.substring(2).split("=", 2)[0]);
            }
            command.add(argument);
        }
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(name -> name.startsWith("platform-acceptance.") || PASSED_PROPERTIES.contains(name))
                .filter(name -> !given.contains(name))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        return command;
    }

    static Result run(List<String> command, Path log, SigningKey key, Duration deadline) {
        long start = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a child run of the harness: " + e.getMessage(), e);
        }
        RUNNING.put(process, Boolean.TRUE);
        try (OutputStream stdin = process.getOutputStream()) {
            key.writePrivateKeyTo(stdin);
        } catch (IOException e) {
            // the child ended before it read its key; its log says why
        }
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return new Result(null, elapsedMs(start));
            }
            return new Result(process.exitValue(), elapsedMs(start));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new Result(null, elapsedMs(start));
        } finally {
            RUNNING.remove(process);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
