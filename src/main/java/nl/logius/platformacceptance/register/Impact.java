package nl.logius.platformacceptance.register;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How badly a knelpunt hurts the services it blocks, as the register states it ({@code impact: critical}). It
 * becomes the Allure severity of the knelpunt's checks, so that a report can be read worst first. Allure has no
 * "major": a major knelpunt shows as Allure's "normal", the level below critical.
 */
public enum Impact {
    /** A migration cannot even start: data lost or corrupted, tenants not isolated, the service unreachable. */
    BLOCKER("blocker"),
    /** A migrated service would fail in production under ordinary events (an update, a restart, large messages). */
    CRITICAL("critical"),
    /** A migrated service would work, but slower or less evenly than its users may expect. */
    MAJOR("normal");

    private final String allureSeverity;

    Impact(String allureSeverity) {
        this.allureSeverity = allureSeverity;
    }

    /** The word in the register and in verdicts.json: {@code blocker}, {@code critical}, {@code major}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Allure's severity label for it: {@code blocker}, {@code critical} or {@code normal}. */
    public String allureSeverity() {
        return allureSeverity;
    }

    public static Optional<Impact> byId(String id) {
        return Arrays.stream(values()).filter(impact -> impact.id().equals(id)).findFirst();
    }

    public static String knownIds() {
        return Arrays.stream(values()).map(Impact::id).collect(Collectors.joining(", "));
    }
}
