package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.PlatformUnavailableException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns docker-java's failures into the SPI's: an engine that does not answer is
 * {@link PlatformUnavailableException}, an engine that refuses is {@link PlatformException}. Every call to
 * the engine goes through here, so that no Docker type escapes the driver.
 *
 * <p>Every call has a deadline ({@link EngineConnection#responseTimeout()} unless given): docker-java reads a
 * Unix socket with a native read that no socket timeout ends, so the call runs on a worker thread and the
 * caller stops waiting at the deadline. A worker stuck on an engine that never answers is left behind (a
 * daemon thread); {@link EngineHealth} keeps there from being many.
 */
final class DockerCalls {

    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(runnable -> {
        Thread worker = new Thread(runnable, "docker-call");
        worker.setDaemon(true);
        return worker;
    });

    private DockerCalls() {
    }

    static <T> T call(String what, Supplier<T> call) {
        return call(what, EngineConnection.responseTimeout(), call);
    }

    static <T> T call(String what, Duration deadline, Supplier<T> call) {
        if (Thread.currentThread().isInterrupted()) {
            // A stopped check (the run's deadline) starts nothing more on the engine.
            throw new PlatformException(what + ": not started: this thread was stopped");
        }
        // An engine that was found gone fails the call at once, rather than after the call's own deadline.
        EngineHealth.requireAvailable(what);
        Future<T> answer = WORKERS.submit(() -> EngineHealth.tracked(call));
        long end = System.nanoTime() + deadline.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    // The call in hand is finished (within its deadline), not abandoned: what it creates must
                    // reach its owner, who removes it; abandoned, it would appear later, owned by no one.
                    interrupted = true;
                }
            }
        } catch (TimeoutException e) {
            answer.cancel(true);
            EngineHealth.markUnavailable(what + ": no answer within " + deadline.toSeconds() + " s", false);
            throw new PlatformUnavailableException(what + ": the Docker engine did not answer within "
                    + deadline.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw translate(what, e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException translate(String what, Throwable error) {
        if (error instanceof Error fatal) {
            throw fatal;
        }
        if (error instanceof PlatformException platform) {
            return platform;
        }
        if (error instanceof DockerException refused) {
            return new PlatformException(what + ": the Docker engine refused: " + refused.getMessage().strip(), refused);
        }
        if (isConnectionProblem(error)) {
            EngineHealth.markUnavailable(what + ": " + PlatformException.rootCauseOf(error), true);
            return new PlatformUnavailableException(what + ": the Docker engine does not answer ("
                    + PlatformException.rootCauseOf(error) + ")", error);
        }
        return new PlatformException(what + ": " + error, error);
    }

    static void run(String what, Runnable call) {
        run(what, EngineConnection.responseTimeout(), call);
    }

    static void run(String what, Duration deadline, Runnable call) {
        call(what, deadline, () -> {
            call.run();
            return null;
        });
    }

    /** Runs {@code call} on a worker within {@code deadline}; false when it did not answer in time or failed. */
    static boolean answersWithin(Duration deadline, Runnable call) {
        Future<?> answer = WORKERS.submit(call);
        try {
            answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            answer.cancel(true);
            return false;
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return false;
        }
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
}
