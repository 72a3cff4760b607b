package nl.logius.platformacceptance.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A disruption a check caused, as the platform carried it out: which, to what, the instant it took effect
 * (every duration a criterion judges counts from it: recovery, heal, removal, RTO, and each wait's
 * deadline) and a sentence saying what was really done on this platform, which the evidence shows, so that
 * an auditor reads the true mechanism and not the check's intention.
 *
 * <pre>{@code
 * Disruption crash = evidence.disruption("Crash " + victim.name(), victim::crash);
 * Duration back = web.awaitReady(3, crash.at(), criterion.duration("recovery-time"));
 * }</pre>
 *
 * @param kind      what kind of disruption, in the platform-neutral terms of the SPI
 * @param target    what was disrupted: an instance's name, or a zone
 * @param at        the instant it took effect; where the platform only says it had by the time its call returned
 *                  (a pause, a pod delete), the instant the call was made, so that a duration counted from it is
 *                  never shorter than the truth
 * @param mechanism what was really done, e.g. {@code SIGKILL of its main process from the host}
 */
public record Disruption(Kind kind, String target, Instant at, String mechanism) {

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public Disruption {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(mechanism, "mechanism");
    }

    /** Now, as the instant a disruption took effect. */
    public static Disruption now(Kind kind, String target, String mechanism) {
        return new Disruption(kind, target, Instant.now(), mechanism);
    }

    /** How long ago it took effect. */
    public Duration elapsed() {
        return Duration.between(at, Instant.now());
    }

    /** What remains of {@code deadline} counted from this disruption; zero once it passed. */
    public Duration remainingOf(Duration deadline) {
        Duration left = deadline.minus(elapsed());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** {@code crash web-0}: short, for marks on a timeline. */
    public String label() {
        return kind.word + " " + target;
    }

    /** {@code crash of web-0 at 14:03:01.123Z: SIGKILL of its main process from the host}. */
    public String describe() {
        return kind.word + " of " + target + " at " + TIME_OF_DAY.format(at) + ": " + mechanism;
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * The disruptions of the SPI, named by their effect on the service, never by a platform's mechanism.
     */
    public enum Kind {
        /** The instance's main process dies abnormally; the platform may restart it in place. */
        CRASH("crash"),
        /** The instance is removed abruptly; the platform's controller may replace it (under another name). */
        DELETE("delete"),
        /** The instance stops answering but keeps its connections: it hangs, it does not crash. */
        FREEZE("freeze"),
        /** A frozen instance answers again. */
        THAW("thaw"),
        /** Every instance in a zone is cut off from the rest of the tenant. */
        ZONE_CUT("cut-off"),
        /** A cut-off zone is connected again. */
        ZONE_RESTORE("return");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }
}
