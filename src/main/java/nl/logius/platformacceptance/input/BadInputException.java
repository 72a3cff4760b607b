package nl.logius.platformacceptance.input;

import java.nio.file.Path;

/**
 * Input the harness refuses: a register, target profile or waiver file with an error, or a bad argument.
 * The CLI prints {@link #getMessage()} and exits 2, before anything is started on the platform.
 *
 * <p>The message always says where ({@code file:line:column}, or the argument), what is wrong and what is
 * expected: {@code suites/knelpunten.yaml:12:14: unknown unit 'sec'; expected one of ms, s, d, %, ...}.
 */
public class BadInputException extends RuntimeException {

    private final String where;

    public BadInputException(String where, String problem) {
        super(where + ": " + problem);
        this.where = where;
    }

    public static BadInputException at(Path file, int line, int column, String problem) {
        return new BadInputException(file + ":" + line + ":" + column, problem);
    }

    /** A problem with a whole file (it does not exist, cannot be read): {@code file: problem}. */
    public static BadInputException inFile(Path file, String problem) {
        return new BadInputException(file.toString(), problem);
    }

    /** A problem with a command-line argument: {@code --knelpunt KP-XX-01: problem}. */
    public static BadInputException argument(String argument, String problem) {
        return new BadInputException(argument, problem);
    }

    /** Where the problem is: {@code file:line:column} or the argument. */
    public String where() {
        return where;
    }
}
