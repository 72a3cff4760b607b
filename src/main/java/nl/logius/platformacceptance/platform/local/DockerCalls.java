package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.PlatformUnavailableException;

import java.io.IOException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns docker-java's failures into the SPI's: an engine that does not answer is
 * {@link PlatformUnavailableException}, an engine that refuses is {@link PlatformException}. Every call to
 * the engine goes through here, so that no Docker type escapes the driver.
 */
final class DockerCalls {

    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private DockerCalls() {
    }

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (DockerException e) {
            throw new PlatformException(what + ": the Docker engine refused: " + e.getMessage().strip(), e);
        } catch (RuntimeException e) {
            if (isConnectionProblem(e)) {
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

    /**
     * What the engine said, without docker-java's wrapping: {@code Status 400: {"message":"..."}} becomes
     * the message.
     */
    static String engineMessage(DockerException error) {
        String text = String.valueOf(error.getMessage()).strip();
        Matcher message = ENGINE_MESSAGE.matcher(text);
        return message.find() ? message.group(1).replace("\\\"", "\"") : text;
    }

    static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
