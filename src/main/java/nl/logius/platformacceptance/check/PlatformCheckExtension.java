package nl.logius.platformacceptance.check;

import io.qameta.allure.Allure;
import nl.logius.platformacceptance.platform.NotSupportedException;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.register.Knelpunt;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Runs a {@link PlatformCheck}: gives it its tenant, criterion and evidence, labels its Allure result with
 * its knelpunten (their services as tags, their worst impact as severity), fails it when a recorded measurement
 * failed, turns a missing capability into a skip, skips a {@link Disruptive} check on a target whose operator did
 * not consent to them, and removes its tenants and everything labelled with it when it ends, whatever the outcome.
 */
public final class PlatformCheckExtension implements ExecutionCondition, BeforeEachCallback, ParameterResolver,
        TestExecutionExceptionHandler, AfterTestExecutionCallback, AfterEachCallback {

    /**
     * How long after the run's deadline its resources count as a killed run's leftovers, which any later run on
     * any host may sweep: the run's own clean-up after its deadline takes far less.
     */
    static final Duration EXPIRY_MARGIN = Duration.ofMinutes(15);
    /** The expiry of resources of a run without a deadline (the harness's engine tests of fixture checks). */
    static final Duration EXPIRY_WITHOUT_DEADLINE = Duration.ofHours(6);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PlatformCheckExtension.class);

    /** The Allure parameter that names a retry's attempt. */
    public static final String ATTEMPT = "attempt";

    /**
     * A disruptive check runs only with the operator's consent (the target profile's {@code disruptive: allowed};
     * always on the local reference platform): on a shared acceptance cluster it would disturb others. Without
     * it the check is skipped with that reason, its knelpunt INCONCLUSIVE.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("not a check");
        }
        // Before anything is deployed: a check that would be refused half-way (after its steady state) touches nothing.
        Optional<String> missing = environment(context).missingCapability(checkId(context));
        if (missing.isPresent()) {
            return ConditionEvaluationResult.disabled("the target lacks a capability the check needs: " + missing.get());
        }
        if (!isDisruptive(context.getRequiredTestClass())) {
            return ConditionEvaluationResult.enabled("not disruptive");
        }
        Optional<String> refusal = environment(context).disruptiveRefusal();
        return refusal.map(reason -> ConditionEvaluationResult.disabled("disruptive check without consent: " + reason))
                .orElseGet(() -> ConditionEvaluationResult.enabled("the operator consented to disruptive checks"));
    }

    public static boolean isDisruptive(Class<?> checkClass) {
        return checkClass.isAnnotationPresent(Disruptive.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        CheckEnvironment environment = environment(context);
        List<String> knelpunten = verifies(context);
        String checkId = checkId(context);
        CheckRecord record = environment.startCheck(checkId, context.getDisplayName(), knelpunten);
        context.getStore(NAMESPACE).put(CheckRecord.class, record);
        for (String id : knelpunten) {
            Knelpunt knelpunt = environment.knelpunt(id);
            Allure.label("knelpunt", id);
            Allure.epic(knelpunt.area());
            Allure.feature(id + " " + knelpunt.title());
            // The report lives in allure-report/, beside knelpunten.md.
            Allure.link(id + " in knelpunten.md", "knelpunt", "../knelpunten.md#" + id.toLowerCase(Locale.ROOT));
            Allure.description("**" + id + " — " + knelpunt.title() + "**\n\nCriterion: " + knelpunt.criterionInForce()
                    + environment.replayCommand(id).map(command -> "\n\nReplay: `" + command + "`").orElse(""));
        }
        Allure.story(checkId);
        labelServicesAndSeverity(knelpunten.stream().map(environment::knelpunt).toList());
        int attempt = attempt(context);
        if (attempt > 1) {
            // Retries are never silent: the report shows which attempt this is (and marks a pass on it flaky).
            Allure.parameter(ATTEMPT, attempt);
            record.note("attempt " + attempt + ": a retry of a check that broke");
        }
    }

    /**
     * The services the knelpunten block become tags, so that the report filters by service ({@code tag:DigiD} in its
     * search box); the worst impact among them becomes the severity.
     */
    private static void labelServicesAndSeverity(List<Knelpunt> knelpunten) {
        knelpunten.stream().flatMap(k -> k.blocks().stream()).distinct().sorted().forEach(service -> Allure.label("tag", service));
        knelpunten.stream().map(Knelpunt::impact).min(Comparator.naturalOrder())
                .ifPresent(worst -> Allure.label("severity", worst.allureSeverity()));
    }

    /** 1, or the retry's attempt number. */
    static int attempt(ExtensionContext context) {
        return context.getConfigurationParameter(CheckEnvironment.ATTEMPT_PARAMETER).map(Integer::parseInt).orElse(1);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Tenant.class || type == Tenants.class || type == Criterion.class || type == Evidence.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        CheckEnvironment environment = environment(context);
        CheckRecord record = record(context);
        if (type == Tenants.class) {
            return tenants(context);
        }
        if (type == Tenant.class) {
            return tenants(context).createLazily(tenantName(context));
        }
        if (type == Evidence.class) {
            // A retry writes beside the first attempt's evidence, never over it.
            int attempt = attempt(context);
            Path directory = environment.evidenceDirectory().resolve(record.checkId());
            return new Evidence(record, attempt == 1 ? directory : directory.resolve("attempt-" + attempt));
        }
        List<String> knelpunten = record.knelpunten();
        if (knelpunten.size() != 1) {
            throw new ParameterResolutionException(record.checkId() + " verifies " + knelpunten
                    + "; a Criterion parameter needs exactly one knelpunt in @Verifies");
        }
        return new Criterion(environment.knelpunt(knelpunten.get(0)), record);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        if (error instanceof NotSupportedException) {
            throw new TestAbortedException("not supported by this target: " + error.getMessage(), error);
        }
        if (error instanceof AssertionError) {
            throwIfThePlatformWentAway(context, error);
        }
        throw error;
    }

    /**
     * A failure measured while the platform itself did not answer is the harness losing sight of the platform,
     * not the platform missing its criterion: the check is broken, never failed.
     */
    private static void throwIfThePlatformWentAway(ExtensionContext context, Throwable failure) {
        CheckRecord record = record(context);
        environment(context).platform().unreachableSince(record.startedAt()).ifPresent(seen -> {
            throw new MeasurementsNotTrusted(seen, failure);
        });
    }

    /**
     * Soft failures become the check's failure here, once every measurement has been recorded. A check that
     * ended without measuring anything proves nothing: it is broken, never passed.
     */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            return;
        }
        CheckRecord record = record(context);
        List<Measurement> failed = record.failedMeasurements();
        if (!failed.isEmpty()) {
            CriterionNotMet notMet = new CriterionNotMet(failed);
            throwIfThePlatformWentAway(context, notMet);
            throw notMet;
        }
        if (record.measurements().isEmpty()) {
            throw new IllegalStateException(record.checkId() + " recorded no measurement; a check that measures nothing proves nothing");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Tenants tenants = context.getStore(NAMESPACE).get(Tenants.class, Tenants.class);
        if (tenants == null) {
            return;
        }
        try {
            tenants.close();
        } finally {
            int leftovers = environment(context).platform().removeAll(tenants.owner());
            if (leftovers > 0) {
                record(context).note("removed " + leftovers + " resources that outlived their tenant");
            }
        }
    }

    private Tenants tenants(ExtensionContext context) {
        CheckEnvironment environment = environment(context);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Tenants.class,
                key -> new Tenants(environment.platform(), Ownership.of(environment.runId(), checkId(context),
                        expiryOf(environment.deadline()))),
                Tenants.class);
    }

    /** When the run's resources become leftovers for others to sweep: its deadline and a margin. */
    static Instant expiryOf(RunDeadline deadline) {
        return deadline.isNone() ? Instant.now().plus(EXPIRY_WITHOUT_DEADLINE) : deadline.at().plus(EXPIRY_MARGIN);
    }

    private static CheckRecord record(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(CheckRecord.class, CheckRecord.class);
    }

    static CheckEnvironment environment(ExtensionContext context) {
        String runId = context.getConfigurationParameter(CheckEnvironment.RUN_ID_PARAMETER).orElseThrow(() ->
                new IllegalStateException("checks run only through the harness, which sets " + CheckEnvironment.RUN_ID_PARAMETER));
        return CheckEnvironment.Registry.get(runId);
    }

    /** {@code InstanceLossCheck.service_survives_the_loss_of_one_instance}. */
    public static String checkId(ExtensionContext context) {
        return context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    }

    static List<String> verifies(ExtensionContext context) {
        Verifies verifies = context.getRequiredTestClass().getAnnotation(Verifies.class);
        if (verifies == null) {
            throw new IllegalStateException(context.getRequiredTestClass().getName() + " has no @Verifies");
        }
        return Arrays.asList(verifies.value());
    }

    /** A short DNS label for the check's tenant: {@code InstanceLossCheck} becomes {@code instance-loss}. */
    private static String tenantName(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName().replaceAll("Check$", "")
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return name.length() > 20 ? name.substring(0, 20).replaceAll("-$", "") : name;
    }
}
