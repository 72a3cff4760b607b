package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.runfolder.HarnessInfo;
import nl.logius.platformacceptance.runfolder.RunFolder;
import nl.logius.platformacceptance.check.CheckEnvironment;
import nl.logius.platformacceptance.check.RunDeadline;
import nl.logius.platformacceptance.report.AllureCheckResults;
import nl.logius.platformacceptance.report.AllureKnelpuntLinks;
import nl.logius.platformacceptance.report.AllureKnelpunten;
import nl.logius.platformacceptance.report.AllureMetadata;
import nl.logius.platformacceptance.report.AllureReport;
import nl.logius.platformacceptance.bundle.CalibrationLookup;
import nl.logius.platformacceptance.bundle.FolderSeal;
import nl.logius.platformacceptance.bundle.ProvenanceRecorder;
import nl.logius.platformacceptance.bundle.RunAttestation;
import nl.logius.platformacceptance.bundle.SecretLeakException;
import nl.logius.platformacceptance.bundle.SecretScan;
import nl.logius.platformacceptance.bundle.SigningKey;
import nl.logius.platformacceptance.bundle.TrustedKeys;
import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.platform.Capability;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.PlatformInfo;
import nl.logius.platformacceptance.platform.PlatformDrivers;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.target.ReleaseLabel;
import nl.logius.platformacceptance.target.Target;
import nl.logius.platformacceptance.target.TargetLoader;
import nl.logius.platformacceptance.tracking.AllureHistory;
import nl.logius.platformacceptance.tracking.CheckFingerprints;
import nl.logius.platformacceptance.tracking.OverviewReport;
import nl.logius.platformacceptance.tracking.ReadinessTracker;
import nl.logius.platformacceptance.tracking.RunHistory;
import nl.logius.platformacceptance.verdict.CheckFingerprint;
import nl.logius.platformacceptance.verdict.HarnessBuild;
import nl.logius.platformacceptance.verdict.Scope;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.KnelpuntenMarkdown;
import nl.logius.platformacceptance.verdict.Provenance;
import nl.logius.platformacceptance.verdict.ReleaseReadiness;
import nl.logius.platformacceptance.verdict.RunVerdicts;
import nl.logius.platformacceptance.verdict.VerdictCalculator;
import nl.logius.platformacceptance.waiver.Waivers;
import nl.logius.platformacceptance.waiver.WaiversLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One run: validates the input (register, target, selection, operator, trusted keys) before touching the
 * platform, creates the run folder with copies of its input files, finds the calibration of its own harness
 * build and carries it ({@link CalibrationLookup}), runs the selected checks through the JUnit Platform Launcher,
 * and writes the verdicts with the run's scope, the matrix, JUnit XML and the Allure results and report
 * (continuing the trend of the target's previous run). Its last step in the folder scans it for secrets and seals
 * it (manifest, signed statement: {@link FolderSeal}); a secret in the folder stops the run with
 * {@link SecretLeakException}. Then it updates the overview of every run under the output root.
 *
 * <pre>{@code
 * RunResult result = new Runner(System.out).run(RunOptions.defaults().withKnelpunten(List.of("KP-FO-01")));
 * }</pre>
 */
public final class Runner {

    /** Who answers for a run: a name or login on one line, not blank. */
    private static final Pattern OPERATOR = Pattern.compile("\\S[^\\p{Cntrl}]{0,99}");

    /** A whole check never runs longer than this; a hung wait becomes a broken check, not a hung run. */
    static final String CHECK_TIMEOUT = "10m";

    private final PrintStream out;
    private final SigningKey signingKey;
    private final RetryPolicy retries;

    /** A runner that seals with the key {@value SigningKey#KEY_FILE_VARIABLE} names, or an ephemeral one. */
    public Runner(PrintStream out) {
        this(out, null, RetryPolicy.none());
    }

    /** A runner that seals its run folders with {@code signingKey} (null: as {@link #Runner(PrintStream)}). */
    public Runner(PrintStream out, SigningKey signingKey) {
        this(out, signingKey, RetryPolicy.none());
    }

    private Runner(PrintStream out, SigningKey signingKey, RetryPolicy retries) {
        this.out = out;
        this.signingKey = signingKey;
        this.retries = retries;
    }

    /** The same runner, retrying broken checks as {@code policy} says ({@code --retry-broken}). */
    public Runner withRetryPolicy(RetryPolicy policy) {
        return new Runner(out, signingKey, policy);
    }

    /** What a run produced. */
    public record RunResult(Path folder, RunVerdicts verdicts, Optional<Path> report) {
        public int exitCode() {
            return verdicts.exitCode();
        }
    }

    /** The input of a run, validated: nothing here has touched the platform. */
    public record Plan(Register register, Target target, String release, List<CheckDescriptor> checks,
                       Predicate<Knelpunt> selected, CheckCatalog catalog, Waivers waivers) {
    }

    /** Loads and validates everything a run needs; {@link BadInputException} on any problem. */
    public static Plan plan(RunOptions options) {
        Register register = RegisterLoader.load(options.registerFile());
        Target target = options.targetFile() == null ? TargetLoader.loadDefaultLocal(register)
                : TargetLoader.load(options.targetFile(), register);
        Register effective = register.withOverrides(target.thresholdOverrides());
        CheckCatalog catalog = CheckCatalog.discover();
        catalog.validateAgainst(effective);
        Waivers waivers = options.waiversFile() != null ? WaiversLoader.load(options.waiversFile(), register)
                : WaiversLoader.loadIfPresent(waiversFile(options), register);
        if (options.operator() != null && !OPERATOR.matcher(options.operator()).matches()) {
            throw BadInputException.argument(options.operator().isBlank() ? "--operator" : "--operator " + options.operator(),
                    (options.operator().isBlank() ? "empty" : "not a name on one line") + "; expected who answers for the run: a name or"
                    + " login of 1 to 100 characters on one line, e.g. --operator \"J. de Vries\"");
        }
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
        PlatformDrivers.injections(target, options.injections());
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
        if (!ReleaseLabel.valid(release)) {
            throw BadInputException.argument("--release " + release, "malformed release; " + ReleaseLabel.EXPECTED);
        }
        return new Plan(effective, target, release, checks, selected, catalog, waivers);
    }

    public RunResult run(RunOptions options) {
        Plan plan = plan(options);
        RunInputs.check(plan, options);
        TrustedKeys trustedKeys = options.trustedKeysFile() == null ? null : TrustedKeys.load(options.trustedKeysFile());
        SigningKey key = signingKey != null ? signingKey : SigningKey.resolve(null, System.getenv());
        key.announcement().ifPresent(out::println);
        SecretScan secrets = SecretScan.forTarget(plan.target(), key);
        Instant startedAt = Instant.now();
        RunDeadline deadline = RunDeadline.after(plan.target().runDeadline(), startedAt);
        HarnessInfo harness = HarnessInfo.current();
        RunFolder folder = RunFolder.create(options.outputRoot(), plan.release(), startedAt);
        ProvenanceRecorder provenance = ProvenanceRecorder.start(plan.target(), plan.release(), plan.register(),
                waiversFile(options), key, options.operator(), System.getenv());
        provenance.writeInputs(folder);
        out.println("platform-acceptance " + harness.version() + ": run " + folder.runId() + " against " + plan.target().name()
                + " (release " + plan.release() + "), " + plan.checks().size() + " check(s)"
                + (options.injections().isEmpty() ? "" : ", injected: " + String.join(", ", options.injections())));
        if (plan.target().isLocal()) {
            out.println("scope: " + Scope.REFERENCE_PLATFORM);
        }
        out.println("operator: " + provenance.operator().describe());

        Platform platform = PlatformDrivers.forTarget(plan.target(), options.injections());
        PlatformInfo platformInfo = null;
        Provenance.ProbeImage probeImage = null;
        List<Capability> capabilities = List.of();
        try {
            platformInfo = platform.describe();
            out.println("platform: " + platformInfo);
            int swept = platform.sweepLeftovers();
            if (swept > 0) {
                out.println("removed " + swept + " resource(s) left behind by killed runs");
            }
            capabilities = recordCapabilities(platform, provenance);
            probeImage = probeImage(platform);
        } catch (PlatformException e) {
            out.println("platform unreachable: " + e.getMessage() + " — checks will be broken, knelpunten INCONCLUSIVE");
        }
        // Before the first check, as the inputs at the start: a calibration that finishes during the run does not change
        // what this one relied on. The build is whole once the platform said which probe image it runs.
        HarnessBuild build = build(plan.catalog(), probeImage == null ? null : probeImage.digest());
        Provenance.Calibration calibration = CalibrationLookup.find(options.outputRoot(), build, checkedCriteria(plan), folder.path());
        CalibrationLookup.carry(calibration, folder);
        out.println("calibration: " + calibration.describe());

        RunEnvironment environment = new RunEnvironment(folder.runId(), platform, plan.register(), folder.evidence(),
                id -> replayCommand(options, plan, id), deadline, plan.target().disruptiveRefusal());
        environment.capabilitiesMissing(missingByCheck(capabilities, plan.checks()));
        OutcomeCollector outcomes = new OutcomeCollector(plan.checks(), environment, folder.path(), out);
        CheckEnvironment.Registry.register(environment);
        StoppedRunCleanup stopped = StoppedRunCleanup.install(platform, folder, out);
        AllureCheckResults allure = CheckExecution.allureResults(folder, environment);
        try {
            new CheckExecution(folder, outcomes, retries, deadline, out, allure).run(plan.checks());
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
                plan.selected(), outcomes.outcomesOf(plan.checks()), id -> replayCommand(options, plan, id),
                plan.waivers(), plan.release(), LocalDate.ofInstant(startedAt, ZoneOffset.UTC));
        Scope scope = Scope.of(plan.target().isLocal(), plan.target().name(), plan.target().kind().id(), plan.target().description(),
                plan.release(), platformInfo == null ? null : platformInfo.toString(), knelpunten,
                id -> !plan.catalog().verifying(id).isEmpty(), options.injections());
        RunVerdicts measured = new RunVerdicts(plan.release(), plan.target().name(), folder.runId(), startedAt, finishedAt,
                new RunVerdicts.Harness(harness.version(), harness.commit()),
                platformInfo == null ? null : new RunVerdicts.PlatformView(platformInfo.kind(), platformInfo.name(), platformInfo.version()),
                new RunVerdicts.Selection(options.areas(), options.knelpunten(), options.injections()),
                RunVerdicts.exitCode(knelpunten, options.requireCoverage(), options.requireCalibration(), calibration),
                RunVerdicts.summarize(knelpunten), null, knelpunten, fingerprints(plan, harness.commit()),
                provenance.finish(folder.runId(), startedAt, finishedAt, platformInfo, probeImage, harness, build, calibration,
                        new Provenance.Selection(options.areas(), options.knelpunten(), options.injections()),
                        plan.checks().stream().map(CheckDescriptor::id).toList()), scope);
        RunVerdicts verdicts = measured.withServices(readiness(options.outputRoot(), folder, measured, plan.register()));
        writeVerdicts(folder, verdicts);
        allure.writeHeld(AllureCheckResults.RunFacts.of(verdicts));
        AllureKnelpunten.writeUncovered(folder.allureResults(), verdicts);
        AllureMetadata.write(folder.allureResults(), environmentProperties(verdicts, plan), executor(verdicts));
        Optional<Path> report = Optional.empty();
        if (options.generateHtml()) {
            StringBuilder problems = new StringBuilder();
            AllureHistory.carryOver(RunHistory.scan(options.outputRoot()), verdicts.target(),
                    RunHistory.isCalibration(options.outputRoot().relativize(folder.path()).toString(), options.injections()),
                    folder.path(), folder.allureResults(), problems)
                    .ifPresent(previous -> out.println("Allure trend continues from run " + previous.path()));
            if (!problems.isEmpty()) {
                out.println("no Allure trend: " + problems);
                problems.setLength(0);
            }
            report = AllureReport.generate(folder.allureResults(), folder.allureReport(), problems);
            if (report.isEmpty()) {
                out.println("no HTML report: " + problems);
            } else if (!knelpuntLinks(report.get())) {
                out.println("the overview's links go to knelpunten.md: the Allure report's knelpunten could not be read");
            } else if (AllureHistory.keep(report.get(), problems) == 0) {
                out.println("no Allure history kept, the next run's trend starts anew: "
                        + (problems.isEmpty() ? "the report embeds none" : problems));
            }
        }
        List<SecretScan.Finding> leaks = FolderSeal.scanAndSeal(folder.path(), folder.runId(), "verdicts.json",
                RunAttestation.predicate(verdicts), secrets, key, out);
        // Only now: a run killed before its seal was whole must not leave a folder that looks finished.
        folder.complete();
        updateOverview(options.outputRoot(), plan.register(), trustedKeys);
        // a secret in the folder is a harness defect that stops the pipeline: exit 3, whatever the verdicts
        new SummaryTable(out).print(verdicts, folder.path(), report, leaks.isEmpty() ? verdicts.exitCode() : 3,
                options.requireCalibration());
        if (!leaks.isEmpty()) {
            throw new SecretLeakException(folder.path(), leaks);
        }
        return new RunResult(folder.path(), verdicts, report);
    }

    /**
     * The probe image the checks will deploy, had before the first check (the local platform builds it once per
     * probe build), so that its digest is in the provenance; a check that then cannot deploy it is broken on its own.
     */
    private Provenance.ProbeImage probeImage(Platform platform) {
        try {
            return platform.probeImage().map(image -> {
                out.println("probe image: " + image);
                return new Provenance.ProbeImage(image.name(), image.digest(), image.imageId());
            }).orElse(null);
        } catch (PlatformException e) {
            out.println("no probe image: " + e.getMessage() + " — checks that deploy it will be broken");
            return null;
        }
    }

    /**
     * What the checks need of the target, as preflight looks at it; recorded in the provenance. The driver refuses the
     * operations whose capability is missing, so that the checks that need them are skipped with the reason.
     */
    private List<Capability> recordCapabilities(Platform platform, ProvenanceRecorder provenance) {
        List<Capability> found = platform.capabilities();
        provenance.capabilitiesFound(found);
        found.stream().filter(capability -> !capability.isPresent())
                .forEach(capability -> out.println("capability " + capability.describe()));
        return found;
    }

    /**
     * The checks whose code needs a capability found MISSING, each with the first such capability: they are skipped
     * before they deploy anything. One that is only UNVERIFIED (it could not be judged) lets its checks try.
     */
    static Map<String, String> missingByCheck(List<Capability> capabilities, List<CheckDescriptor> checks) {
        List<Capability> missing = capabilities.stream().filter(c -> c.status() == Capability.Status.MISSING).toList();
        if (missing.isEmpty()) {
            return Map.of();
        }
        CheckNeeds needs = CheckNeeds.of(checks);
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Capability capability : missing) {
            needs.checksNeeding(capability).forEach(check -> reasons.putIfAbsent(check, capability.describe()));
        }
        return reasons;
    }

    private static void writeVerdicts(RunFolder folder, RunVerdicts verdicts) {
        try {
            folder.writeOnce("verdicts.json", Mappers.JSON.writeValueAsString(verdicts) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write verdicts.json", e);
        }
        folder.writeOnce("knelpunten.md", KnelpuntenMarkdown.render(verdicts));
    }

    /** The fingerprint of every selected check: its code version, its source, and the criteria it compares with. */
    private static Map<String, CheckFingerprint> fingerprints(Plan plan, String commit) {
        Map<String, CheckFingerprint> fingerprints = new TreeMap<>();
        plan.checks().forEach(c -> fingerprints.put(c.id(), CheckFingerprints.of(c.testClass(), c.knelpunten(), plan.register(), commit)));
        return fingerprints;
    }

    /**
     * The build of the harness as far as verdicts depend on it: the code of every check it has (not only the
     * selected ones: a calibration of the same build counts for any selection) and the digest of the probe image
     * the platform ran, where known.
     */
    public static HarnessBuild build(CheckCatalog catalog, String probeImageDigest) {
        Map<String, Class<?>> checks = new TreeMap<>();
        catalog.checks().forEach(c -> checks.put(c.id(), c.testClass()));
        return CheckFingerprints.build(checks, probeImageDigest);
    }

    /** Per selected knelpunt that has a check: the criterion the run compares with, which a calibration must share. */
    private static Map<String, CheckFingerprint.CriterionFingerprint> checkedCriteria(Plan plan) {
        Map<String, CheckFingerprint.CriterionFingerprint> criteria = new TreeMap<>();
        plan.register().knelpunten().stream().filter(plan.selected()).filter(k -> !plan.catalog().verifying(k.id()).isEmpty())
                .forEach(k -> criteria.put(k.id(), CheckFingerprints.criterion(k)));
        return criteria;
    }

    /** The waivers file a run reads: the one given, else the project's default (which may not exist). */
    public static Path waiversFile(RunOptions options) {
        return options.waiversFile() != null ? options.waiversFile() : HarnessInfo.projectHome().resolve(WaiversLoader.DEFAULT_FILE);
    }

    /** Where each knelpunt is in the report, for the overview's links; false when the report could not be read. */
    private static boolean knelpuntLinks(Path report) {
        try {
            return !AllureKnelpuntLinks.write(report).isEmpty();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether each service may migrate on the run's release as of this run, or null for a calibration run; a problem
     * with the earlier runs it reads never changes the run's verdicts.
     */
    private ReleaseReadiness readiness(Path outputRoot, RunFolder folder, RunVerdicts measured, Register register) {
        try {
            return ReadinessTracker.asOfRun(outputRoot, folder.path(), measured, register,
                    LocalDate.ofInstant(measured.startedAt(), ZoneOffset.UTC)).orElse(null);
        } catch (RuntimeException e) {
            out.println("the readiness of the services was not computed: " + e.getMessage());
            return null;
        }
    }

    /** The overview of every run under the output root; a problem with it never changes the run's outcome. */
    private void updateOverview(Path outputRoot, Register register, TrustedKeys trustedKeys) {
        try {
            out.println("Overview: " + OverviewReport.write(outputRoot, register, Instant.now(), Optional.ofNullable(trustedKeys)).html());
        } catch (RuntimeException e) {
            out.println("the overview of " + outputRoot + " was not updated: " + e.getMessage());
        }
    }

    static String replayCommand(RunOptions options, Plan plan, String knelpuntId) {
        String target = options.targetFile() == null ? "suites/targets/local.yaml" : options.targetFile().toString();
        String register = options.registerFile().equals(RunOptions.defaults().registerFile()) ? "" : " --register " + options.registerFile();
        return "./platform-acceptance run --target " + target + register + " --release " + plan.release() + " --knelpunt " + knelpuntId;
    }

    private static Map<String, String> environmentProperties(RunVerdicts verdicts, Plan plan) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("scope", verdicts.scope().statement());
        environment.put("run.id", verdicts.runId());
        environment.put("release", verdicts.release());
        environment.put("target", verdicts.target() + " (" + plan.target().kind().id() + ")");
        environment.put("target.profile", String.valueOf(plan.target().source()));
        environment.put("platform", verdicts.platform() == null ? "unreachable" : verdicts.platform().name() + " " + verdicts.platform().version());
        environment.put("covered", verdicts.scope().coverage());
        environment.put("harness.version", verdicts.harness().version());
        environment.put("harness.commit", verdicts.harness().commit());
        environment.put("started", verdicts.startedAt().toString());
        environment.put("finished", verdicts.finishedAt().toString());
        environment.put("injections", verdicts.selection().injections().isEmpty() ? "none" : String.join(",", verdicts.selection().injections()));
        environment.putAll(AllureMetadata.provenance(verdicts.provenance()));
        return environment;
    }

    private static Map<String, Object> executor(RunVerdicts verdicts) {
        Map<String, Object> executor = new LinkedHashMap<>();
        Provenance.CiJob ciJob = verdicts.provenance().operator().ci();
        executor.put("name", "platform-acceptance");
        executor.put("type", ciJob != null ? ciJob.system() : "local");
        executor.put("buildName", verdicts.runId());
        executor.put("reportName", "platform-acceptance " + verdicts.release() + " on " + verdicts.target() + " — "
                + verdicts.scope().statement() + " — " + verdicts.provenance().calibration().proofOrLegacy());
        if (ciJob != null && ciJob.url() != null) {
            executor.put("buildUrl", ciJob.url());
        }
        return executor;
    }
}
