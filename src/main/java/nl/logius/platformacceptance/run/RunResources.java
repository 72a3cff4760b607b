package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformUnavailableException;

import java.util.Optional;

/**
 * Removes everything a run left on its platform when the run ends, however it ends. A check that was stopped
 * (the run's deadline, a signal) may still be creating something on its own thread, and a pass may miss it, or
 * fail on a network whose new container it missed: passes repeat until one finds nothing, a few times at most.
 */
final class RunResources {

    private static final int MAX_PASSES = 5;
    private static final long BETWEEN_PASSES_MILLIS = 500;

    private RunResources() {
    }

    /** @return the last problem when something may be left (the next run's sweep removes it), else empty */
    static Optional<RuntimeException> removeAll(Platform platform, String runId) {
        RuntimeException last = null;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            try {
                int found = platform.removeRun(runId);
                last = null;
                if (found == 0) {
                    break;
                }
            } catch (PlatformUnavailableException e) {
                return Optional.of(e); // no point in asking again
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(BETWEEN_PASSES_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.ofNullable(last);
    }
}
