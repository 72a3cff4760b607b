package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.runfolder.HarnessInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code run} was asked to do, after the arguments were parsed (not yet validated against the register).
 *
 * @param registerFile       the register
 * @param targetFile         the target profile, or null for the embedded local default
 * @param release            the release label, or null for the target's
 * @param areas              selected areas (empty: all)
 * @param knelpunten         selected knelpunt ids (empty: all)
 * @param injections         knelpunt ids to inject on the local platform
 * @param outputRoot         the folder under which {@code <release>/<run-id>/} is created
 * @param requireCoverage    whether a selected NOT_COVERED knelpunt makes the run inconclusive
 * @param generateHtml       whether to generate the Allure HTML report (tests may skip it)
 * @param waiversFile        the waivers, or null for {@code suites/waivers.yaml} when it exists
 * @param operator           who answers for the run ({@code --operator}), or null
 * @param requireCalibration whether a run not proven by a calibration of its build is inconclusive (exit 3)
 * @param trustedKeysFile    the operators' keys the overview checks each run's seal against, or null
 */
public record RunOptions(Path registerFile, Path targetFile, String release, List<String> areas, List<String> knelpunten,
                         List<String> injections, Path outputRoot, boolean requireCoverage, boolean generateHtml,
                         Path waiversFile, String operator, boolean requireCalibration, Path trustedKeysFile) {

    public RunOptions {
        areas = List.copyOf(areas);
        knelpunten = List.copyOf(knelpunten);
        injections = List.copyOf(injections);
    }

    public static RunOptions defaults() {
        Path home = HarnessInfo.projectHome();
        return new RunOptions(home.resolve("suites/knelpunten.yaml"), null, null, List.of(), List.of(), List.of(),
                home.resolve("reports"), false, true, null, null, false, null);
    }

    public RunOptions withTarget(Path target) {
        return new RunOptions(registerFile, target, release, areas, knelpunten, injections, outputRoot, requireCoverage,
                generateHtml, waiversFile, operator, requireCalibration, trustedKeysFile);
    }

    public RunOptions withRelease(String newRelease) {
        return new RunOptions(registerFile, targetFile, newRelease, areas, knelpunten, injections, outputRoot,
                requireCoverage, generateHtml, waiversFile, operator, requireCalibration, trustedKeysFile);
    }

    public RunOptions withKnelpunten(List<String> ids) {
        return new RunOptions(registerFile, targetFile, release, areas, ids, injections, outputRoot, requireCoverage,
                generateHtml, waiversFile, operator, requireCalibration, trustedKeysFile);
    }

    public RunOptions withAreas(List<String> selected) {
        return new RunOptions(registerFile, targetFile, release, selected, knelpunten, injections, outputRoot,
                requireCoverage, generateHtml, waiversFile, operator, requireCalibration, trustedKeysFile);
    }

    public RunOptions withInjections(List<String> ids) {
        return new RunOptions(registerFile, targetFile, release, areas, knelpunten, ids, outputRoot, requireCoverage,
                generateHtml, waiversFile, operator, requireCalibration, trustedKeysFile);
    }

    public RunOptions withOutputRoot(Path root) {
        return new RunOptions(registerFile, targetFile, release, areas, knelpunten, injections, root, requireCoverage,
                generateHtml, waiversFile, operator, requireCalibration, trustedKeysFile);
    }

    public RunOptions withRegister(Path register) {
        return new RunOptions(register, targetFile, release, areas, knelpunten, injections, outputRoot, requireCoverage,
                generateHtml, waiversFile, operator, requireCalibration, trustedKeysFile);
    }

    public RunOptions withRequireCoverage(boolean required) {
        return new RunOptions(registerFile, targetFile, release, areas, knelpunten, injections, outputRoot, required,
                generateHtml, waiversFile, operator, requireCalibration, trustedKeysFile);
    }

    public RunOptions withHtml(boolean html) {
        return new RunOptions(registerFile, targetFile, release, areas, knelpunten, injections, outputRoot, requireCoverage,
                html, waiversFile, operator, requireCalibration, trustedKeysFile);
    }

    public RunOptions withWaivers(Path waivers) {
        return new RunOptions(registerFile, targetFile, release, areas, knelpunten, injections, outputRoot, requireCoverage,
                generateHtml, waivers, operator, requireCalibration, trustedKeysFile);
    }

    public RunOptions withOperator(String name) {
        return new RunOptions(registerFile, targetFile, release, areas, knelpunten, injections, outputRoot, requireCoverage,
                generateHtml, waiversFile, name, requireCalibration, trustedKeysFile);
    }

    public RunOptions withRequireCalibration(boolean required) {
        return new RunOptions(registerFile, targetFile, release, areas, knelpunten, injections, outputRoot, requireCoverage,
                generateHtml, waiversFile, operator, required, trustedKeysFile);
    }

    public RunOptions withTrustedKeys(Path file) {
        return new RunOptions(registerFile, targetFile, release, areas, knelpunten, injections, outputRoot, requireCoverage,
                generateHtml, waiversFile, operator, requireCalibration, file);
    }
}
