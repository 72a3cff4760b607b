package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.check.CheckRecord;
import nl.logius.platformacceptance.check.CriterionNotMet;
import nl.logius.platformacceptance.check.MeasurementsNotTrusted;
import nl.logius.platformacceptance.platform.PlatformUnavailableException;
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
import java.util.LinkedHashMap;
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
    /** Every attempt of every check, in the order the checks first finished. */
    private final Map<String, List<CheckOutcome>> attempts = new LinkedHashMap<>();
    private volatile int attempt = 1;

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
            // A platform that stopped answering makes every measurement of the check suspect: broken, never failed.
            boolean platformGone = error instanceof PlatformUnavailableException;
            CheckStatus status = switch (result.getStatus()) {
                case SUCCESSFUL -> CheckStatus.PASSED;
                case ABORTED -> CheckStatus.SKIPPED;
                case FAILED -> !platformGone && (measurementFailed || error instanceof AssertionError)
                        ? CheckStatus.FAILED : CheckStatus.BROKEN;
            };
            String message = switch (status) {
                case PASSED -> "";
                case FAILED -> error instanceof CriterionNotMet || error == null || !measurementFailed
                        ? describe(error) : new CriterionNotMet(record.get().failedMeasurements()).getMessage()
                        + " (then: " + describe(error) + ")";
                default -> platformGone && measurementFailed && !(error instanceof MeasurementsNotTrusted)
                        ? describe(error) + " (measured before: " + new CriterionNotMet(record.get().failedMeasurements()).getMessage() + ")"
                        : describe(error);
            };
            finish(check, status, durationMs, message);
        });
    }

    private void finish(CheckDescriptor check, CheckStatus status, long durationMs, String message) {
        Optional<CheckRecord> record = environment.record(check.id());
        List<MeasurementView> measurements = record.map(r -> r.measurements().stream().map(MeasurementView::of).toList()).orElse(List.of());
        List<String> evidence = record.map(r -> r.evidenceFiles().stream().map(f -> runFolder.relativize(f).toString()).toList())
                .orElse(List.of());
        int current = attempt;
        synchronized (attempts) {
            attempts.computeIfAbsent(check.id(), id -> new ArrayList<>()).add(new CheckOutcome(check.id(), check.area(),
                    check.knelpunten(), status, durationMs, measurements, message, evidence, current, false));
        }
        String note = current == 1 ? "" : status == CheckStatus.PASSED
                ? "  flaky: passed only on attempt " + current + ", not counted as resolved" : "  (attempt " + current + ")";
        out.printf(Locale.ROOT, "  %-11s %-10s %-66s %-7s %6.1f s%s%s%n", check.area(), String.join(",", check.knelpunten()),
                check.id(), status.name(), durationMs / 1000d, message.isEmpty() ? "" : "  " + firstLine(message), note);
    }

    /** The attempts that follow are retry number {@code attempt} (2 and up). */
    void startAttempt(int attempt) {
        this.attempt = attempt;
    }

    /** One outcome per check: its only attempt, or its attempts taken together ({@link #combine}). */
    List<CheckOutcome> outcomes() {
        synchronized (attempts) {
            return attempts.values().stream().map(OutcomeCollector::combine).toList();
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

    /** The latest attempt of each check. */
    List<CheckOutcome> latestAttempts() {
        synchronized (attempts) {
            return attempts.values().stream().map(list -> list.get(list.size() - 1)).toList();
        }
    }

    /**
     * Several attempts of a check as one outcome that hides none of them: the last attempt's status and
     * measurements, the time of all, the evidence of all, and a message naming each earlier attempt. A pass
     * after a broken attempt is flaky.
     */
    static CheckOutcome combine(List<CheckOutcome> tries) {
        CheckOutcome last = tries.get(tries.size() - 1);
        if (tries.size() == 1) {
            return last;
        }
        List<CheckOutcome> earlier = tries.subList(0, tries.size() - 1);
        boolean flaky = last.status() == CheckStatus.PASSED;
        String history = earlier.stream().map(t -> "attempt " + t.attempts() + " " + t.status().id()
                + (t.message().isEmpty() ? "" : ": " + firstLine(t.message()))).collect(java.util.stream.Collectors.joining("; "));
        String message = flaky
                ? "passed only on attempt " + tries.size() + " of " + tries.size() + " (" + history + ")"
                : last.message() + " (attempt " + tries.size() + " of " + tries.size() + "; " + history + ")";
        List<String> evidence = tries.stream().flatMap(t -> t.evidence().stream()).distinct().toList();
        long durationMs = tries.stream().mapToLong(CheckOutcome::durationMs).sum();
        return new CheckOutcome(last.id(), last.area(), last.knelpunten(), last.status(), durationMs, last.measurements(),
                message, evidence, tries.size(), flaky);
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
