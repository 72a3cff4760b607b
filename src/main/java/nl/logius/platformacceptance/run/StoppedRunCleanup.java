package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.runfolder.RunFolder;
import nl.logius.platformacceptance.platform.Platform;

import java.io.PrintStream;
import java.time.Instant;

/**
 * While a run is busy: when its process is asked to stop (Ctrl-C, SIGTERM; a SIGKILL cannot be caught, the
 * next run's sweep handles that), removes the run's resources from the platform before the process exits,
 * and says in the run folder's {@code INCOMPLETE} file that the run was stopped. Every platform call has its
 * own deadline, so a gone platform does not hold the exit up for long.
 *
 * <pre>{@code
 * try (StoppedRunCleanup cleanup = StoppedRunCleanup.install(platform, folder, out)) { ...run the checks... }
 * }</pre>
 */
final class StoppedRunCleanup implements AutoCloseable {

    private final Thread hook;

    private StoppedRunCleanup(Thread hook) {
        this.hook = hook;
    }

    static StoppedRunCleanup install(Platform platform, RunFolder folder, PrintStream out) {
        Thread hook = new Thread(() -> {
            out.println("run " + folder.runId() + " stopped by a signal: removing its resources from the platform");
            try {
                folder.markIncompleteBecause("stopped by a signal at " + Instant.now() + ": the checks did not finish");
            } catch (RuntimeException e) {
                out.println("could not mark the run folder: " + e.getMessage());
            }
            // The checks go on until the process halts: the removal repeats until nothing is left.
            out.println(RunResources.removeAll(platform, folder.runId())
                    .map(e -> "could not remove every resource of the stopped run: " + e.getMessage()
                            + "; the next run's sweep removes what is left")
                    .orElse("removed the resources of the stopped run"));
            out.flush();
        }, "platform-acceptance-stopped-run-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return new StoppedRunCleanup(hook);
    }

    /** The run ends normally: nothing to do at exit. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it does the clean-up
        }
    }
}
