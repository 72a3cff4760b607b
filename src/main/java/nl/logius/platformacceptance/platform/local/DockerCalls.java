package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.PlatformUnavailableException;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Turns docker-java's failures into the SPI's: an engine that does not answer is
 * {@link PlatformUnavailableException}, an engine that refuses is {@link PlatformException}. Every call to
 * the engine goes through here, so that no Docker type escapes the driver.
 */
final class DockerCalls {

    private DockerCalls() {
    }

    static <T> T call(String what, Supplier<T> call) {
        // An engine that was found gone fails the call at once, rather than after the call's own deadline.
        EngineHealth.requireAvailable(what);
        try {
            return call.get();
        } catch (DockerException e) {
            throw new PlatformException(what + ": the Docker engine refused: " + e.getMessage().strip(), e);
        } catch (RuntimeException e) {
            if (isConnectionProblem(e)) {
                EngineHealth.markUnavailable(what + ": " + rootCause(e));
                throw new PlatformUnavailableException(what + ": the Docker engine does not answer ("
                        + rootCause(e) + ")", e);
            }
            throw new PlatformException(what + ": " + e, e);
        }
    }

    static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** Like {@link #run} but what is already gone is fine: cleaning up must not fail on it. */
    static void runIgnoringMissing(String what, Runnable call) {
        try {
            run(what, call);
        } catch (PlatformException e) {
            if (!(e.getCause() instanceof NotFoundException) && !(e instanceof PlatformUnavailableException)
                    && !e.getMessage().contains("is not connected") && !e.getMessage().contains("No such")) {
                throw e;
            }
            if (e instanceof PlatformUnavailableException) {
                throw e;
            }
        }
    }

    private static boolean isConnectionProblem(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause.getClass().getSimpleName().contains("Socket")) {
                return true;
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Could not find a valid Docker environment") || message.contains("Connection refused")
                    || message.contains("No such file or directory")) {
                return true;
            }
        }
        return false;
    }

    static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
