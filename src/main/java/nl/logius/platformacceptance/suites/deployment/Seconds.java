package nl.logius.platformacceptance.suites.deployment;

import java.time.Duration;
import java.util.Locale;

/** Durations as the deployment checks' details and steps show them: {@code 3.9 s}. */
final class Seconds {

    private Seconds() {
    }

    static String of(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000d);
    }
}
