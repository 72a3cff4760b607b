package nl.logius.platformacceptance.check;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Holds every {@link PlatformCheck} to the run's {@link RunDeadline}: a check that would start after it is
 * skipped ("run deadline of 20m passed before this check could start"), and a check still running when it
 * passes is interrupted and broken with {@link RunDeadlineExceeded}. The check's own clean-up (its tenants)
 * still runs afterwards, as for any other ending.
 *
 * <p>The check runs on a thread of its own so that it can be left behind when it does not react to the
 * interrupt (a call that is stuck until its own deadline); the run goes on without it.
 */
public final class RunDeadlineExtension implements ExecutionCondition, InvocationInterceptor {

    /** How long a check stopped at the deadline gets to react to its interrupt before its clean-up starts. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("not a check");
        }
        RunDeadline deadline = deadline(context);
        return deadline.passed()
                ? ConditionEvaluationResult.disabled(deadline.describe() + " passed before this check could start")
                : ConditionEvaluationResult.enabled("within the " + deadline.describe());
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        RunDeadline deadline = deadline(context);
        if (deadline.isNone()) {
            invocation.proceed();
            return;
        }
        Duration left = deadline.remaining();
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread check = new Thread(runnable, "check " + PlatformCheckExtension.checkId(context));
            check.setDaemon(true);
            return check;
        });
        Future<Void> running = thread.submit(() -> {
            try {
                return invocation.proceed();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new ExecutionException(e);
            }
        });
        try {
            running.get(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            thread.shutdownNow();
            // A moment for the interrupted check to stop, so that its clean-up does not race its last steps.
            thread.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            throw new RunDeadlineExceeded(deadline.describe() + " passed while this check ran (it had "
                    + RunDeadline.format(left) + " left when it started); it was stopped before it finished measuring");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof ExecutionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : e.getCause();
            throw cause;
        } finally {
            thread.shutdownNow();
        }
    }

    private static RunDeadline deadline(ExtensionContext context) {
        return PlatformCheckExtension.environment(context).deadline();
    }
}
