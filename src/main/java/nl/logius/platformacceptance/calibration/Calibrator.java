package nl.logius.platformacceptance.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import nl.logius.platformacceptance.calibration.CalibrationReport.CheckCalibration;
import nl.logius.platformacceptance.calibration.CalibrationReport.KnelpuntCalibration;
import nl.logius.platformacceptance.calibration.CalibrationReport.NotCalibrated;
import nl.logius.platformacceptance.calibration.CalibrationReport.SubRun;
import nl.logius.platformacceptance.bundle.CalibrationLookup;
import nl.logius.platformacceptance.bundle.FolderSeal;
import nl.logius.platformacceptance.bundle.ProvenanceRecorder;
import nl.logius.platformacceptance.bundle.SecretLeakException;
import nl.logius.platformacceptance.bundle.SecretScan;
import nl.logius.platformacceptance.bundle.SigningKey;
import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.PlatformInfo;
import nl.logius.platformacceptance.platform.PlatformDrivers;
import nl.logius.platformacceptance.platform.PlatformDriver.Injection;
import nl.logius.platformacceptance.target.PlatformKind;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.run.CheckDescriptor;
import nl.logius.platformacceptance.runfolder.HarnessInfo;
import nl.logius.platformacceptance.runfolder.RunFolder;
import nl.logius.platformacceptance.run.RunInputs;
import nl.logius.platformacceptance.run.RunOptions;
import nl.logius.platformacceptance.run.Runner;
import nl.logius.platformacceptance.tracking.CheckFingerprints;
import nl.logius.platformacceptance.verdict.CheckFingerprint;
import nl.logius.platformacceptance.verdict.Provenance;
import nl.logius.platformacceptance.verdict.RunVerdicts;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code calibrate}: proves on the local reference platform that every check passes when its knelpunt is
 * absent and fails when it is injected. Built for CI's time budget:
 * <ol>
 *   <li>ONE healthy run of every calibrated check, in this JVM and serially, so that timing checks do not
 *       compete with anything;</li>
 *   <li>then one injected run per knelpunt ({@code run --knelpunt ID --inject ID}) as child JVMs, a few at a
 *       time (they mostly wait on deadlines), each writing its own sealed run folder.</li>
 * </ol>
 * Everything goes into {@code <out>/calibration/<run-id>/}: {@code healthy/}, {@code injected/<ID>/} with
 * each child's console log, {@code calibration.json} and {@code calibration.md}; the folder is then sealed
 * like a run.
 */
public final class Calibrator {

    public static final int DEFAULT_PARALLELISM = 4;
    /** A child run that passes this is killed: longer than any check's own timeout (10 min) plus start-up. */
    static final Duration CHILD_DEADLINE = Duration.ofMinutes(12);

    private final PrintStream out;
    private final SigningKey key;
    private final int parallelism;
    private final String mainClass;

    /**
     * @param mainClass the harness's command-line entry point, which the injected child runs start
     */
    public Calibrator(PrintStream out, SigningKey key, int parallelism, String mainClass) {
        this.out = out;
        this.key = key;
        this.parallelism = Math.max(1, parallelism);
        this.mainClass = mainClass;
    }

    public record Result(Path folder, CalibrationReport report) {
        public int exitCode() {
            return report.exitCode();
        }
    }

    record Injected(SubRun run, RunOutcomes outcomes) {
    }

    public Result calibrate(RunOptions options) {
        if (!options.injections().isEmpty() || !options.areas().isEmpty()) {
            throw BadInputException.argument("calibrate", "selects knelpunten with --knelpunt only; it injects each one itself");
        }
        Runner.Plan plan = Runner.plan(options);
        if (!plan.target().isLocal()) {
            throw BadInputException.argument("--target " + plan.target().source(), "calibration injects faults, which only the"
                    + " local reference platform can; target " + plan.target().name() + " is " + plan.target().kind().id()
                    + "; expected a local target");
        }
        List<Knelpunt> selected = plan.register().knelpunten().stream().filter(plan.selected()).toList();
        List<String> covered = selected.stream().map(Knelpunt::id).filter(id -> !plan.catalog().verifying(id).isEmpty()).toList();
        List<NotCalibrated> notCalibrated = selected.stream()
                .filter(k -> plan.catalog().verifying(k.id()).isEmpty())
                .map(k -> new NotCalibrated(k.id(), localInjection(k.id()).isPresent()
                        ? "no check verifies it yet (its injection " + localInjection(k.id()).get() + " exists)"
                        : "no check verifies it yet, and the local platform has no injection for it"))
                .toList();
        List<String> injectable = covered.stream().filter(id -> localInjection(id).isPresent()).toList();
        if (covered.isEmpty()) {
            throw BadInputException.argument("--knelpunt " + String.join(",", options.knelpunten()), "no check verifies "
                    + (options.knelpunten().isEmpty() ? "any knelpunt" : "these knelpunten") + " yet: nothing to calibrate");
        }

        RunInputs.outputRoot(options.outputRoot());

        Instant startedAt = Instant.now();
        RunFolder folder = RunFolder.create(options.outputRoot(), CalibrationLookup.CALIBRATION_FOLDER, startedAt);
        HarnessInfo harness = HarnessInfo.current();
        ProvenanceRecorder provenance = ProvenanceRecorder.start(plan.target(), plan.release(), plan.register(),
                Runner.waiversFile(options), key, options.operator(), System.getenv());
        provenance.writeInputs(folder);
        SecretScan secrets = SecretScan.forTarget(plan.target(), key);
        out.println("calibration " + folder.runId() + ": one healthy run of " + plan.checks().stream()
                .filter(c -> c.knelpunten().stream().anyMatch(covered::contains)).count() + " check(s), then "
                + injectable.size() + " injected run(s), " + parallelism + " at a time, into " + folder.path());

        long healthyStart = System.nanoTime();
        Runner.RunResult healthy = new Runner(out, key).run(options.withKnelpunten(covered)
                .withOutputRoot(folder.path().resolve("healthy")));
        SubRun healthyRun = new SubRun(relative(folder.path(), healthy.folder()), healthy.exitCode(),
                (System.nanoTime() - healthyStart) / 1_000_000, null);
        RunOutcomes healthyOutcomes = RunOutcomes.read(healthy.folder());
        out.printf(Locale.ROOT, "%ncalibration %s: healthy run exit %d in %.1f s; starting %d injected run(s)%n",
                folder.runId(), healthy.exitCode(), healthyRun.durationMs() / 1000d, injectable.size());

        long injectedStart = System.nanoTime();
        Map<String, Injected> injected = runInjected(injectable, options, plan.release(), folder.path());
        long injectedWallMs = (System.nanoTime() - injectedStart) / 1_000_000;

        List<KnelpuntCalibration> knelpunten = new ArrayList<>();
        for (String id : covered) {
            knelpunten.add(calibrationOf(id, plan.catalog().verifying(id), healthyOutcomes, injected.get(id),
                    CheckFingerprints.criterion(plan.register().get(id))));
        }
        boolean allDetected = !knelpunten.isEmpty() && knelpunten.stream().allMatch(KnelpuntCalibration::detected);
        Instant finishedAt = Instant.now();
        RunVerdicts.PlatformView platformView = healthy.verdicts().platform();
        // The build it proves: the checks' code and the probe image the healthy run measured with.
        Provenance.ProbeImage probeImage = healthy.verdicts().provenance() == null ? null : healthy.verdicts().provenance().probeImage();
        Provenance record = provenance.finish(folder.runId(), startedAt, finishedAt,
                platformView == null ? null : new PlatformInfo(platformView.kind(), platformView.name(), platformView.version()),
                probeImage, harness, Runner.build(plan.catalog(), probeImage == null ? null : probeImage.digest()),
                Provenance.Calibration.none("this is a calibration"),
                new Provenance.Selection(List.of(), options.knelpunten(), injectable), plan.checks().stream().map(CheckDescriptor::id).toList());
        CalibrationReport report = new CalibrationReport(CalibrationReport.FORMAT, folder.runId(), plan.target().name(),
                plan.release(), record.harness(), startedAt, finishedAt, healthyRun, knelpunten, notCalibrated, allDetected,
                allDetected ? 0 : 1, record);
        try {
            folder.writeOnce(CalibrationLookup.CALIBRATION_FILE, Mappers.JSON.writeValueAsString(report) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write calibration.json", e);
        }
        folder.writeOnce("calibration.md", CalibrationMarkdown.render(report));
        sweepIfAChildWasKilled(plan, injected);
        List<SecretScan.Finding> leaks = FolderSeal.scanAndSeal(folder.path(), folder.runId(), CalibrationLookup.CALIBRATION_FILE,
                report.predicate(), secrets, key, out);
        // Only now: a calibration killed before its seal was whole must not look finished.
        folder.complete();
        printSummary(report, folder.path(), injectedWallMs);
        if (!leaks.isEmpty()) {
            throw new SecretLeakException(folder.path(), leaks);
        }
        return new Result(folder.path(), report);
    }

    private Map<String, Injected> runInjected(List<String> ids, RunOptions options, String release, Path folder) {
        Map<String, Injected> results = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, ids.size()));
        try {
            Map<String, Future<Injected>> futures = new LinkedHashMap<>();
            for (String id : ids) {
                futures.put(id, pool.submit(() -> runInjected(id, options, release, folder)));
            }
            for (Map.Entry<String, Future<Injected>> future : futures.entrySet()) {
                try {
                    results.put(future.getKey(), future.getValue().get());
                } catch (ExecutionException e) {
                    out.println("  injected " + future.getKey() + ": could not run: " + e.getCause());
                    results.put(future.getKey(), new Injected(new SubRun(null, null, 0, null), RunOutcomes.read(null)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("calibration interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    private Injected runInjected(String id, RunOptions options, String release, Path folder) {
        Path outRoot = folder.resolve("injected").resolve(id);
        Path log = outRoot.resolve("console.log");
        List<String> command = new ArrayList<>(ChildRun.javaCommand(mainClass));
        command.addAll(List.of("run", "--register", options.registerFile().toAbsolutePath().toString(), "--release", release,
                "--knelpunt", id, "--inject", id, "--out", outRoot.toAbsolutePath().toString(), "--signing-key", SigningKey.STANDARD_INPUT));
        if (options.targetFile() != null) {
            command.addAll(List.of("--target", options.targetFile().toAbsolutePath().toString()));
        }
        if (options.waiversFile() != null) {
            command.addAll(List.of("--waivers", options.waiversFile().toAbsolutePath().toString()));
        }
        if (options.operator() != null) {
            command.addAll(List.of("--operator", options.operator()));
        }
        synchronized (out) {
            out.println("  injected " + id + ": started (log " + relative(folder, log) + ")");
        }
        ChildRun.Result result = ChildRun.run(command, log, key, CHILD_DEADLINE);
        Optional<Path> runFolder = RunOutcomes.runFolderUnder(outRoot);
        RunOutcomes outcomes = RunOutcomes.read(runFolder.orElse(null));
        synchronized (out) {
            out.printf(Locale.ROOT, "  injected %s: %s in %.1f s, %s%n", id,
                    result.exitCode() == null ? "KILLED at its deadline of " + CHILD_DEADLINE.toMinutes() + " min" : "exit " + result.exitCode(),
                    result.durationMs() / 1000d, outcomes.verdict(id));
        }
        return new Injected(new SubRun(runFolder.map(p -> relative(folder, p)).orElse(null), result.exitCode(), result.durationMs(),
                relative(folder, log)), outcomes);
    }

    /** The local driver's injection of a knelpunt: calibration runs on the local reference platform only. */
    private static Optional<Injection> localInjection(String knelpuntId) {
        return PlatformDrivers.forKind(PlatformKind.LOCAL).flatMap(driver -> driver.injection(knelpuntId));
    }

    static KnelpuntCalibration calibrationOf(String id, List<CheckDescriptor> checks, RunOutcomes healthy, Injected injected,
                                             CheckFingerprint.CriterionFingerprint criterion) {
        Optional<Injection> injection = localInjection(id);
        RunOutcomes injectedOutcomes = injected == null ? RunOutcomes.read(null) : injected.outcomes();
        List<CheckCalibration> calibrations = new ArrayList<>();
        for (CheckDescriptor check : checks) {
            RunOutcomes.CheckResult before = healthy.check(id, check.id());
            RunOutcomes.CheckResult after = injection.isEmpty() ? new RunOutcomes.CheckResult("not run", "")
                    : injectedOutcomes.check(id, check.id());
            String reason = reasonNotDetected(id, injection.isPresent(), before, after, injected);
            calibrations.add(new CheckCalibration(check.id(), before.status(), before.message(), after.status(), after.message(),
                    reason == null, reason));
        }
        boolean detected = !calibrations.isEmpty() && calibrations.stream().allMatch(CheckCalibration::detected);
        return new KnelpuntCalibration(id, injection.map(Injection::name).orElse(null), injection.map(Injection::description).orElse(null),
                healthy.verdict(id), injection.isEmpty() ? "not run" : injectedOutcomes.verdict(id),
                injected == null ? null : injected.run(), calibrations, detected, criterion);
    }

    /** Why a check did not detect its injection, or null when it did (passed healthy, failed injected). */
    static String reasonNotDetected(String id, boolean injectable, RunOutcomes.CheckResult healthy, RunOutcomes.CheckResult injected,
                                    Injected run) {
        if (!injectable) {
            return "the local platform has no injection for " + id + ": the check cannot be calibrated (a harness defect)";
        }
        if (!"passed".equals(healthy.status())) {
            return "not passed on the healthy platform (" + healthy.status() + (healthy.message().isEmpty() ? "" : ": " + healthy.message()) + ")";
        }
        return switch (injected.status()) {
            case "failed" -> null;
            case "passed" -> "passed with " + id + " injected: the check does not detect its knelpunt";
            case "broken" -> "broke with " + id + " injected (could not measure: " + injected.message() + "); a broken check is not a detection";
            case "skipped" -> "skipped with " + id + " injected (" + injected.message() + ")";
            default -> run != null && run.run().exitCode() == null ? "the injected run was killed at its deadline"
                    : "the injected run reported no result for it (see its console log)";
        };
    }

    private void sweepIfAChildWasKilled(Runner.Plan plan, Map<String, Injected> injected) {
        if (injected.values().stream().noneMatch(i -> i.run().exitCode() == null)) {
            return;
        }
        try (Platform platform = PlatformDrivers.forTarget(plan.target(), List.of())) {
            int swept = platform.sweepLeftovers();
            out.println("removed " + swept + " resource(s) that killed injected runs left behind");
        } catch (PlatformException e) {
            out.println("could not remove what killed injected runs left behind: " + e.getMessage());
        }
    }

    private void printSummary(CalibrationReport report, Path folder, long injectedWallMs) {
        out.println();
        out.printf(Locale.ROOT, "Calibration %s: healthy run %.1f s (exit %s); injected runs %.1f s wall, %d at a time%n",
                report.runId(), report.healthyRun().durationMs() / 1000d, report.healthyRun().exitCode(), injectedWallMs / 1000d, parallelism);
        out.printf(Locale.ROOT, "%-10s %-66s %-9s %-9s %s%n", "KNELPUNT", "CHECK", "HEALTHY", "INJECTED", "DETECTED");
        for (KnelpuntCalibration knelpunt : report.knelpunten()) {
            for (CheckCalibration check : knelpunt.checks()) {
                out.printf(Locale.ROOT, "%-10s %-66s %-9s %-9s %s%n", knelpunt.id(), check.id(), check.healthy(), check.injected(),
                        check.detected() ? "yes" : "NO: " + check.reason());
            }
        }
        report.notCalibrated().forEach(n -> out.println("not calibrated: " + n.id() + " — " + n.reason()));
        out.println("Calibration folder: " + folder);
        out.println(report.allDetected() ? "Every check detected its injected knelpunt." : "NOT every check detected its injected knelpunt.");
        out.println("Exit code: " + report.exitCode());
    }

    private static String relative(Path folder, Path path) {
        return folder.toAbsolutePath().normalize().relativize(path.toAbsolutePath().normalize()).toString();
    }
}
