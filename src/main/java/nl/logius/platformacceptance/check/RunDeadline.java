package nl.logius.platformacceptance.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The whole run's deadline ({@code runDeadline} of the target profile): checks that have not started when it
 * passes are skipped, a check that is still running when it passes is stopped and broken, and the run then
 * writes its folder as usual. A run never outlives its deadline by more than the time its clean-up takes.
 *
 * @param length how long the run may take, as the profile says
 * @param at     when it passes; {@link Instant#MAX} for no deadline
 */
public record RunDeadline(Duration length, Instant at) {

    /** No deadline (engine tests of fixture checks). */
    public static final RunDeadline NONE = new RunDeadline(Duration.ZERO, Instant.MAX);

    public static RunDeadline after(Duration length, Instant start) {
        return new RunDeadline(length, start.plus(length));
    }

    public boolean isNone() {
        return at.equals(Instant.MAX);
    }

    public boolean passed() {
        return !isNone() && !Instant.now().isBefore(at);
    }

    /** What is left, never negative; {@link Duration#ZERO} once it passed. */
    public Duration remaining() {
        if (isNone()) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
        Duration left = Duration.between(Instant.now(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** {@code run deadline of 20m}, in the profile's own notation. */
    public String describe() {
        return "run deadline of " + format(length);
    }

    static String format(Duration duration) {
        StringBuilder text = new StringBuilder();
        if (duration.toHours() > 0) {
            text.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0 || text.length() == 0) {
            text.append(duration.toSecondsPart()).append('s');
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
