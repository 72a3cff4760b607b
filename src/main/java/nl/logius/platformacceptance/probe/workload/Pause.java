package nl.logius.platformacceptance.probe.workload;

/** Paces the probe's own measurement loops (not a wait for a condition). */
final class Pause {
    private Pause() {
    }

    static void millis(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
