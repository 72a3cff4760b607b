package nl.logius.platformacceptance.measure;

import java.time.Duration;

/**
 * Lets time pass while something else measures (the prober runs during a baseline or a disruption). This
 * is not a wait for a condition: those poll with a deadline (Awaitility).
 */
public final class MeasurementWindow {

    private MeasurementWindow() {
    }

    public static void hold(Duration window) {
        try {
            Thread.sleep(window.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a measurement window", e);
        }
    }
}
