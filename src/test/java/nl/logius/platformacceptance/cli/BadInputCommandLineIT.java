package nl.logius.platformacceptance.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Event;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.RunProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every case under {@code src/test/resources/bad-input/cli/} goes through the command line in-process, as a
 * user types it: it must exit 2, say on its first line of errors {@code where: what is wrong; expected ...}
 * (the where being {@code file:line:column} or the argument), create no run folder, start nothing on the
 * Docker engine, and never hang (a FIFO in place of a file used to block the read forever).
 *
 * <p>A case is a file: {@code # where: EXACT} (or {@code # where~: REGEX}), {@code # says: FRAGMENT}, then the
 * arguments, split on blanks, with placeholders the test makes real: {@code {corpus}} the corpus folder,
 * {@code {folder}} a folder, {@code {fifo}} a named pipe, {@code {dangling}} a symbolic link to nothing,
 * {@code {binary}} a file that is not UTF-8, {@code {huge}} the register with a 2 MiB comment line,
 * {@code {file}} a plain file, {@code {empty}} an empty argument,
 * {@code {register-without:ID}} the register without one knelpunt. A {@code run} gets {@code --out} a folder
 * of its own unless the case names one. To cover a new mistake, add a file.

 */
class BadInputCommandLineIT {

    private static final Path CORPUS = Path.of("src/test/resources/bad-input");
    private static final Pattern WHERE = Pattern.compile("# where(~?): (.*)");
    private static final Pattern SAYS = Pattern.compile("# says: ?(.*)");
    private static final Duration NEVER_HANGS = Duration.ofSeconds(60);

    @TempDir
    static Path scratch;
    /** The engine's events about containers labelled with this process, watched live while the corpus runs. */
    private static final List<Event> EVENTS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static java.io.Closeable watch;

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS.resolve("cli"))) {
            return files.filter(f -> f.toString().endsWith(".args")).sorted().toList().stream();
        }
    }

    @BeforeAll
    static void makeTheBrokenFilesThatGitCannotHold() throws Exception {
        watch = DockerClientFactory.instance().client().eventsCmd()
                .withLabelFilter(Ownership.PROCESS_LABEL + "=" + RunProcess.current().labelValue())
                .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        EVENTS.add(event);
                    }
                });
        Files.createDirectories(scratch.resolve("a-folder.yaml"));
        Process mkfifo = new ProcessBuilder("mkfifo", scratch.resolve("a-fifo.yaml").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        Files.createSymbolicLink(scratch.resolve("a-dangling-link.yaml"), scratch.resolve("nothing-here.yaml"));
        Files.write(scratch.resolve("binary.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28});
        Files.writeString(scratch.resolve("a-file"), "not a folder\n");
        Files.writeString(scratch.resolve("huge.yaml"), Files.readString(Path.of("suites/knelpunten.yaml")) + "# "
                + "x".repeat(2 << 20) + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void is_refused_with_exit_2_where_what_and_expected_and_nothing_started(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Matcher where = WHERE.matcher(lines.get(0));
        Matcher says = SAYS.matcher(lines.get(1));
        assertThat(where.matches() && says.matches()).as("%s starts with '# where: ...' and '# says: ...'", file).isTrue();
        Path out = scratch.resolve("out-" + file.getFileName());
        List<String> arguments = arguments(lines.size() > 2 ? lines.get(2) : "", out);

        CommandLineRun.Result result = assertTimeoutPreemptively(NEVER_HANGS, () -> CommandLineRun.execute(arguments),
                () -> "hangs: " + arguments);

        assertThat(result.exitCode()).as("exit code of %s\n%s", arguments, result.err()).isEqualTo(2);
        String firstLine = result.err().lines().findFirst().orElse("");
        String expectedWhere = substitute(where.group(2), out);
        if (where.group(1).isEmpty()) {
            assertThat(firstLine).as("says where").startsWith(expectedWhere + ": ");
        } else {
            assertThat(firstLine).as("says where").matches(expectedWhere + ": .*");
        }
        assertThat(firstLine).as("says what is wrong").contains(says.group(1))
                .as("says what is expected").contains("; expected ");
        assertThat(result.out()).as("says nothing of a run that does not start").doesNotContain("signing:");
        assertThat(out).as("no run folder").satisfiesAnyOf(
                folder -> assertThat(folder).doesNotExist(),
                folder -> assertThat(folder).isEmptyDirectory());
    }

    @Test
    void the_corpus_has_at_least_30_command_lines() throws IOException {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(30);
    }

    /** Nothing labelled with this test's process appeared on the engine, not even for a moment. */
    @AfterAll
    static void nothing_was_started_on_the_platform() throws IOException {
        watch.close();
        DockerClient docker = DockerClientFactory.instance().client();
        String process = RunProcess.current().labelValue();
        assertThat(EVENTS).as("engine events of containers labelled with this process").isEmpty();
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Ownership.PROCESS_LABEL + "=" + process)).exec())
                .isEmpty();
        assertThat(docker.listNetworksCmd().withFilter("label", List.of(Ownership.PROCESS_LABEL + "=" + process)).exec()).isEmpty();
        assertThat(docker.listVolumesCmd().withFilter("label", List.of(Ownership.PROCESS_LABEL + "=" + process)).exec().getVolumes())
                .isNullOrEmpty();
    }

    private static List<String> arguments(String line, Path out) throws IOException {
        List<String> arguments = new ArrayList<>();
        for (String token : line.strip().isEmpty() ? new String[0] : line.strip().split("\\s+")) {
            arguments.add(substitute(token, out));
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("run") && !arguments.contains("--out")) {
            arguments.addAll(List.of("--out", out.toString()));
        }
        return arguments;
    }

    private static String substitute(String text, Path out) throws IOException {
        Matcher without = Pattern.compile("\\{register-without:([A-Z0-9-]+)}").matcher(text);
        if (without.find()) {
            text = text.replace(without.group(), registerWithout(without.group(1)).toString());
        }
        return text.replace("{corpus}", CORPUS.toString())
                .replace("{folder}", scratch.resolve("a-folder.yaml").toString())
                .replace("{fifo}", scratch.resolve("a-fifo.yaml").toString())
                .replace("{dangling}", scratch.resolve("a-dangling-link.yaml").toString())
                .replace("{binary}", scratch.resolve("binary.yaml").toString())
                .replace("{huge}", scratch.resolve("huge.yaml").toString())
                .replace("{file}", scratch.resolve("a-file").toString())
                .replace("{out}", out.toString())
                .replace("{empty}", "");
    }

    /** The project's register without one knelpunt's entry (it runs from {@code - id: ID} to the next {@code - id:}). */
    private static Path registerWithout(String id) throws IOException {
        Path file = scratch.resolve("register-without-" + id + ".yaml");
        if (!Files.exists(file)) {
            String register = Files.readString(Path.of("suites/knelpunten.yaml"));
            int start = register.indexOf("  - id: " + id + "\n");
            assertThat(start).as("%s in the register", id).isPositive();
            int end = register.indexOf("\n  - id: ", start + 1);
            Files.writeString(file, register.substring(0, start) + (end < 0 ? "" : register.substring(end + 1)));
        }
        return file;
    }
}
