package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.check.CheckRecord;
import nl.logius.platformacceptance.check.CriterionNotMet;
import nl.logius.platformacceptance.verdict.CheckOutcome;
import nl.logius.platformacceptance.verdict.CheckOutcome.MeasurementView;
import nl.logius.platformacceptance.verdict.CheckStatus;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listens to the checks as they run: prints one progress line per check (area, knelpunt, check, result,
 * duration) and turns each JUnit result plus the check's record into a {@link CheckOutcome}.
 *
 * <p>A failure is a check whose criterion was not met (an assertion, or a failed measurement); any other
 * exception means the check could not measure: broken. An aborted check is skipped.
 */
final class OutcomeCollector implements TestExecutionListener {

    private final Map<String, CheckDescriptor> checksById;
    private final RunEnvironment environment;
    private final Path runFolder;
    private final PrintStream out;
    private final Map<String, Long> startNanos = new ConcurrentHashMap<>();
    private final List<CheckOutcome> outcomes = new ArrayList<>();

    OutcomeCollector(List<CheckDescriptor> checks, RunEnvironment environment, Path runFolder, PrintStream out) {
        this.checksById = new ConcurrentHashMap<>();
        checks.forEach(c -> checksById.put(c.id(), c));
        this.environment = environment;
        this.runFolder = runFolder;
        this.out = out;
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        checkOf(test).ifPresent(check -> {
            startNanos.put(check.id(), System.nanoTime());
            out.printf(Locale.ROOT, "  %-11s %-10s %-66s running%n", check.area(), String.join(",", check.knelpunten()), check.id());
        });
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        checkOf(test).ifPresent(check -> finish(check, CheckStatus.SKIPPED, 0, "skipped: " + reason));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        checkOf(test).ifPresent(check -> {
            long durationMs = (System.nanoTime() - startNanos.getOrDefault(check.id(), System.nanoTime())) / 1_000_000;
            Optional<CheckRecord> record = environment.record(check.id());
            boolean measurementFailed = record.map(r -> !r.failedMeasurements().isEmpty()).orElse(false);
            Throwable error = result.getThrowable().orElse(null);
            CheckStatus status = switch (result.getStatus()) {
                case SUCCESSFUL -> CheckStatus.PASSED;
                case ABORTED -> CheckStatus.SKIPPED;
                case FAILED -> measurementFailed || error instanceof AssertionError ? CheckStatus.FAILED : CheckStatus.BROKEN;
            };
            String message = switch (status) {
                case PASSED -> "";
                case FAILED -> error instanceof CriterionNotMet || error == null || !measurementFailed
                        ? describe(error) : new CriterionNotMet(record.get().failedMeasurements()).getMessage()
                        + " (then: " + describe(error) + ")";
                default -> describe(error);
            };
            finish(check, status, durationMs, message);
        });
    }

    private void finish(CheckDescriptor check, CheckStatus status, long durationMs, String message) {
        Optional<CheckRecord> record = environment.record(check.id());
        List<MeasurementView> measurements = record.map(r -> r.measurements().stream().map(MeasurementView::of).toList()).orElse(List.of());
        List<String> evidence = record.map(r -> r.evidenceFiles().stream().map(f -> runFolder.relativize(f).toString()).toList())
                .orElse(List.of());
        synchronized (outcomes) {
            outcomes.add(new CheckOutcome(check.id(), check.area(), check.knelpunten(), status, durationMs, measurements,
                    message, evidence));
        }
        out.printf(Locale.ROOT, "  %-11s %-10s %-66s %-7s %6.1f s%s%n", check.area(), String.join(",", check.knelpunten()),
                check.id(), status.name(), durationMs / 1000d, message.isEmpty() ? "" : "  " + firstLine(message));
    }

    List<CheckOutcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /**
     * The outcomes, with every selected check that reported nothing (the engine lost it, the run ended before
     * it) as broken, so that no selected check is silently left out of the verdicts.
     */
    List<CheckOutcome> outcomesOf(List<CheckDescriptor> selected) {
        List<CheckOutcome> all = new ArrayList<>(outcomes());
        for (CheckDescriptor check : selected) {
            if (all.stream().noneMatch(outcome -> outcome.id().equals(check.id()))) {
                all.add(new CheckOutcome(check.id(), check.area(), check.knelpunten(), CheckStatus.BROKEN, 0, List.of(),
                        "selected but reported no result: it never ran or its result was lost", List.of()));
            }
        }
        return all;
    }

    private Optional<CheckDescriptor> checkOf(TestIdentifier test) {
        if (!test.isTest() || !(test.getSource().orElse(null) instanceof MethodSource source)) {
            return Optional.empty();
        }
        return Optional.ofNullable(checksById.get(source.getJavaClass().getSimpleName() + "." + source.getMethodName()));
    }

    static String describe(Throwable error) {
        if (error == null) {
            return "";
        }
        if (error instanceof AssertionError || error instanceof org.opentest4j.TestAbortedException) {
            return String.valueOf(error.getMessage());
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
