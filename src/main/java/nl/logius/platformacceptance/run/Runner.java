package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.check.CheckEnvironment;
import nl.logius.platformacceptance.check.RunDeadline;
import nl.logius.platformacceptance.evidence.AllureMetadata;
import nl.logius.platformacceptance.evidence.AllureReport;
import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.PlatformInfo;
import nl.logius.platformacceptance.platform.Platforms;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.target.Target;
import nl.logius.platformacceptance.target.TargetLoader;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.KnelpuntenMarkdown;
import nl.logius.platformacceptance.verdict.RunVerdicts;
import nl.logius.platformacceptance.verdict.VerdictCalculator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One run: validates the input (register, target, selection) before touching the platform, creates the run
 * folder, runs the selected checks through the JUnit Platform Launcher, and writes the verdicts, the matrix,
 * JUnit XML and the Allure results and report.
 *
 * <pre>{@code
 * RunResult result = new Runner(System.out).run(RunOptions.defaults().withKnelpunten(List.of("KP-FO-01")));
 * }</pre>
 */
public final class Runner {

    /** A whole check never runs longer than this; a hung wait becomes a broken check, not a hung run. */
    static final String CHECK_TIMEOUT = "10m";

    private final PrintStream out;
    private final RetryPolicy retries;

    public Runner(PrintStream out) {
        this(out, RetryPolicy.none());
    }

    private Runner(PrintStream out, RetryPolicy retries) {
        this.out = out;
        this.retries = retries;
    }

    /** The same runner, retrying broken checks as {@code policy} says ({@code --retry-broken}). */
    public Runner withRetryPolicy(RetryPolicy policy) {
        return new Runner(out, policy);
    }

    /** What a run produced. */
    public record RunResult(Path folder, RunVerdicts verdicts, Optional<Path> report) {
        public int exitCode() {
            return verdicts.exitCode();
        }
    }

    /** The input of a run, validated: nothing here has touched the platform. */
    public record Plan(Register register, Target target, String release, List<CheckDescriptor> checks,
                       Predicate<Knelpunt> selected, CheckCatalog catalog) {
    }

    /** Loads and validates everything a run needs; {@link BadInputException} on any problem. */
    public static Plan plan(RunOptions options) {
        Register register = RegisterLoader.load(options.registerFile());
        Target target = options.targetFile() == null ? TargetLoader.loadDefaultLocal(register)
                : TargetLoader.load(options.targetFile(), register);
        Register effective = register.withOverrides(target.thresholdOverrides());
        CheckCatalog catalog = CheckCatalog.discover();
        catalog.validateAgainst(effective);
        for (String area : options.areas()) {
            if (!effective.areas().contains(area)) {
                throw BadInputException.argument("--area " + area, "unknown area; expected one of " + effective.areas());
            }
        }
        for (String id : options.knelpunten()) {
            if (effective.find(id).isEmpty()) {
                throw BadInputException.argument("--knelpunt " + id, "no such knelpunt in " + options.registerFile()
                        + "; expected one of " + effective.byId().keySet());
            }
        }
        for (String id : options.injections()) {
            if (effective.find(id).isEmpty()) {
                throw BadInputException.argument("--inject " + id, "no such knelpunt in " + options.registerFile()
                        + "; expected one of " + effective.byId().keySet());
            }
        }
        Platforms.injections(target, options.injections());
        Predicate<Knelpunt> selected = k -> (options.areas().isEmpty() || options.areas().contains(k.area()))
                && (options.knelpunten().isEmpty() || options.knelpunten().contains(k.id()));
        Set<String> selectedIds = effective.knelpunten().stream().filter(selected).map(Knelpunt::id)
                .collect(java.util.stream.Collectors.toSet());
        List<CheckDescriptor> checks = catalog.checks().stream()
                .filter(c -> c.knelpunten().stream().anyMatch(selectedIds::contains)).toList();
        String release = options.release() != null ? options.release() : target.release();
        if (release.isBlank()) {
            throw BadInputException.argument("--release", "empty; expected a release label such as 2026.11");
        }
        return new Plan(effective, target, release, checks, selected, catalog);
    }

    public RunResult run(RunOptions options) {
        Plan plan = plan(options);
        RunInputs.check(plan, options);
        Instant startedAt = Instant.now();
        RunDeadline deadline = RunDeadline.after(plan.target().runDeadline(), startedAt);
        RunFolder folder = RunFolder.create(options.outputRoot(), plan.release(), startedAt);
        HarnessInfo harness = HarnessInfo.current();
        out.println("platform-acceptance " + harness.version() + ": run " + folder.runId() + " against " + plan.target().name()
                + " (release " + plan.release() + "), " + plan.checks().size() + " check(s)"
                + (options.injections().isEmpty() ? "" : ", injected: " + String.join(", ", options.injections())));

        Platform platform = Platforms.forTarget(plan.target(), options.injections());
        PlatformInfo platformInfo = null;
        try {
            platformInfo = platform.describe();
            out.println("platform: " + platformInfo);
            int swept = platform.sweepLeftovers();
            if (swept > 0) {
                out.println("removed " + swept + " resource(s) left behind by killed runs");
            }
        } catch (PlatformException e) {
            out.println("platform unreachable: " + e.getMessage() + " — checks will be broken, knelpunten INCONCLUSIVE");
        }

        RunEnvironment environment = new RunEnvironment(folder.runId(), platform, plan.register(), folder.evidence(), deadline);
        OutcomeCollector outcomes = new OutcomeCollector(plan.checks(), environment, folder.path(), out);
        CheckEnvironment.Registry.register(environment);
        StoppedRunCleanup stopped = StoppedRunCleanup.install(platform, folder, out);
        try {
            new CheckExecution(folder, outcomes, retries, deadline, out).run(plan.checks());
            if (deadline.passed()) {
                out.println("the " + deadline.describe() + " passed: checks still to run were skipped, a running one was stopped");
            }
        } finally {
            stopped.close();
            CheckEnvironment.Registry.unregister(folder.runId());
            if (platformInfo != null) {
                RunResources.removeAll(platform, folder.runId()).ifPresent(e -> out.println("could not remove every resource"
                        + " of the run: " + e.getMessage() + "; the next run's sweep removes what is left"));
            }
            platform.close();
        }

        Instant finishedAt = Instant.now();
        List<KnelpuntVerdict> knelpunten = VerdictCalculator.compute(plan.register(),
                id -> plan.catalog().verifying(id).stream().map(CheckDescriptor::id).toList(),
                plan.selected(), outcomes.outcomes(), id -> replayCommand(options, plan, id));
        RunVerdicts verdicts = new RunVerdicts(plan.release(), plan.target().name(), folder.runId(), startedAt, finishedAt,
                new RunVerdicts.Harness(harness.version(), harness.commit()),
                platformInfo == null ? null : new RunVerdicts.PlatformView(platformInfo.kind(), platformInfo.name(), platformInfo.version()),
                new RunVerdicts.Selection(options.areas(), options.knelpunten(), options.injections()),
                RunVerdicts.exitCode(knelpunten, options.requireCoverage()), RunVerdicts.summarize(knelpunten), knelpunten);
        writeVerdicts(folder, verdicts);
        AllureMetadata.write(folder.allureResults(), environmentProperties(verdicts, plan), executor(verdicts));
        Optional<Path> report = Optional.empty();
        if (options.generateHtml()) {
            StringBuilder problems = new StringBuilder();
            report = AllureReport.generate(folder.allureResults(), folder.allureReport(), problems);
            if (report.isEmpty()) {
                out.println("no HTML report: " + problems);
            }
        }
        folder.complete();
        new SummaryTable(out).print(verdicts, folder.path(), report);
        return new RunResult(folder.path(), verdicts, report);
    }

    private static void writeVerdicts(RunFolder folder, RunVerdicts verdicts) {
        try {
            folder.writeOnce("verdicts.json", Mappers.JSON.writeValueAsString(verdicts) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write verdicts.json", e);
        }
        folder.writeOnce("knelpunten.md", KnelpuntenMarkdown.render(verdicts));
    }

    static String replayCommand(RunOptions options, Plan plan, String knelpuntId) {
        String target = options.targetFile() == null ? "suites/targets/local.yaml" : options.targetFile().toString();
        return "./platform-acceptance run --target " + target + " --release " + plan.release() + " --knelpunt " + knelpuntId;
    }

    private static Map<String, String> environmentProperties(RunVerdicts verdicts, Plan plan) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("run.id", verdicts.runId());
        environment.put("release", verdicts.release());
        environment.put("target", verdicts.target() + " (" + plan.target().kind().id() + ")");
        environment.put("target.profile", String.valueOf(plan.target().source()));
        environment.put("platform", verdicts.platform() == null ? "unreachable" : verdicts.platform().name() + " " + verdicts.platform().version());
        environment.put("harness.version", verdicts.harness().version());
        environment.put("harness.commit", verdicts.harness().commit());
        environment.put("started", verdicts.startedAt().toString());
        environment.put("finished", verdicts.finishedAt().toString());
        environment.put("injections", verdicts.selection().injections().isEmpty() ? "none" : String.join(",", verdicts.selection().injections()));
        return environment;
    }

    private static Map<String, Object> executor(RunVerdicts verdicts) {
        Map<String, Object> executor = new LinkedHashMap<>();
        String ciJob = System.getenv("CI_JOB_URL");
        executor.put("name", "platform-acceptance");
        executor.put("type", System.getenv("CI") != null ? "ci" : "local");
        executor.put("buildName", verdicts.runId());
        executor.put("reportName", "platform-acceptance " + verdicts.release() + " on " + verdicts.target());
        if (ciJob != null) {
            executor.put("buildUrl", ciJob);
        }
        return executor;
    }
}
