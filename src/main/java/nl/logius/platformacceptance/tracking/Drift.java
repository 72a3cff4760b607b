package nl.logius.platformacceptance.tracking;

import java.util.Locale;

/**
 * One change of a check itself between two runs: its code, or the criterion it compared with.
 *
 * @param knelpunt  the knelpunt whose criterion changed, or the knelpunten of the check whose code changed
 * @param check     the check, or null when the change is the knelpunt's criterion
 * @param kind      what changed
 * @param subject   the threshold's or parameter's name, or the check's id
 * @param before    the value in the first run (with comparator and unit), or null when it was added
 * @param after     the value in the second run, or null when it was removed
 * @param direction whether the change lets more through (weakened), less (tightened), or cannot be ranked
 */
public record Drift(String knelpunt, String check, Kind kind, String subject, String before, String after,
                    Direction direction) {

    public enum Kind {
        CHECK_CODE("check code"),
        CRITERION_TEXT("criterion"),
        THRESHOLD("threshold"),
        PARAMETER("parameter"),
        CHECK_SET("checks verifying it");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public enum Direction { WEAKENED, TIGHTENED, CHANGED }

    /** {@code KP-NET-01 threshold lookup-time-p99 changed from <= 100 ms to <= 200 ms: weakened}. */
    public String describe() {
        String ranked = direction == Direction.CHANGED ? "" : ": " + direction.name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case CHECK_CODE -> knelpunt + " check " + check + " changed its code (" + shortHash(before) + " → "
                    + shortHash(after) + ")";
            case CHECK_SET -> knelpunt + (before == null ? " is now also verified by " : " is no longer verified by ")
                    + check + ranked;
            case CRITERION_TEXT -> knelpunt + " criterion changed from " + before + " to " + after;
            default -> knelpunt + " " + kind.words() + " " + subject + (before == null ? " added: " + after
                    : after == null ? " removed (was " + before + ")" : " changed from " + before + " to " + after) + ranked;
        };
    }

    private static String shortHash(String hash) {
        return hash == null || hash.length() <= 19 ? String.valueOf(hash) : hash.substring(0, 19) + "…";
    }
}
