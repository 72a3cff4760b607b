package nl.logius.platformacceptance.target;

import java.util.regex.Pattern;

/**
 * What a release may be called, wherever it is given (target profile, {@code --release}, waivers): it names a
 * folder under {@code reports/}, so it must be one plain folder name, never a path.
 */
public final class ReleaseLabel {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** The "expected ..." half of a bad-input message. */
    public static final String EXPECTED = "expected letters, digits, '.', '_' and '-', starting with a letter or digit,"
            + " at most 100 characters (it names a folder under reports/), such as 2026.11";

    private ReleaseLabel() {
    }

    public static boolean valid(String release) {
        return VALID.matcher(release).matches();
    }
}
