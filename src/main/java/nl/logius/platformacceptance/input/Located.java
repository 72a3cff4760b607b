package nl.logius.platformacceptance.input;

import java.nio.file.Path;

/**
 * A value read by {@link StrictYaml} together with where it stands in its file, so that validation after
 * parsing can point at it:
 * <pre>{@code
 * throw knelpunt.id().problem("duplicate id 'KP-NET-01' (first at 3:9); expected each id once");
 * }</pre>
 * Every field of a YAML shape record is declared {@code Located<...>}; map keys may be too. The position is
 * the value's first character; for a block mapping, that of its first key.
 *
 * @param value  the value; an explicit YAML {@code null} never gets past {@link StrictYaml}
 * @param file   the file it was read from
 * @param line   1-based
 * @param column 1-based
 */
public record Located<T>(T value, Path file, int line, int column) {

    /** Bad input at this value: {@code file:line:column: problem}. */
    public BadInputException problem(String problem) {
        return BadInputException.at(file, line, column, problem);
    }

    /** {@code line:column}, to refer to an earlier value in a message ("first at 3:9"). */
    public String position() {
        return line + ":" + column;
    }
}
