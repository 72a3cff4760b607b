package nl.logius.platformacceptance.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The command line in-process, as a user types it, with what it printed on standard output and standard error:
 * {@code CommandLineRun.execute(List.of("readiness", "--service", "DigiD", "--release", "2026.11"))}.
 */
public final class CommandLineRun {

    /** The exit code and the two streams. */
    public record Result(int exitCode, String out, String err) {
    }

    private CommandLineRun() {
    }

    /** One command at a time: the streams of the process are swapped while it runs. */
    public static synchronized Result execute(List<String> arguments) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = PlatformAcceptance.execute(arguments.toArray(String[]::new));
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
