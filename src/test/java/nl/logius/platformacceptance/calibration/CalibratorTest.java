package nl.logius.platformacceptance.calibration;

import nl.logius.platformacceptance.calibration.CalibrationReport.KnelpuntCalibration;
import nl.logius.platformacceptance.run.CheckDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Detected means passed healthy AND failed injected; anything else is named as the reason it was not. */
class CalibratorTest {

    @TempDir
    Path temp;

    @Test
    void passed_healthy_and_failed_injected_is_detected() throws Exception {
        KnelpuntCalibration calibration = calibrate("KP-FO-01", "passed", "failed");
        assertThat(calibration.detected()).isTrue();
        assertThat(calibration.checks().get(0).reason()).isNull();
        assertThat(calibration.injection()).isEqualTo("NO_REPLACEMENT");
    }

    @Test
    void a_check_that_broke_under_the_injection_did_not_detect_it() throws Exception {
        KnelpuntCalibration calibration = calibrate("KP-FO-01", "passed", "broken");
        assertThat(calibration.detected()).isFalse();
        assertThat(calibration.checks().get(0).reason()).contains("a broken check is not a detection");
    }

    @Test
    void a_check_that_passed_under_the_injection_or_failed_healthy_did_not_detect_it() throws Exception {
        assertThat(calibrate("KP-FO-01", "passed", "passed").checks().get(0).reason()).contains("does not detect its knelpunt");
        assertThat(calibrate("KP-FO-01", "failed", "failed").checks().get(0).reason()).startsWith("not passed on the healthy platform");
    }

    @Test
    void a_knelpunt_without_an_injection_cannot_be_calibrated() throws Exception {
        KnelpuntCalibration calibration = calibrate("KP-TST-99", "passed", "failed");
        assertThat(calibration.detected()).isFalse();
        assertThat(calibration.injection()).isNull();
        assertThat(calibration.checks().get(0).reason()).contains("no injection for KP-TST-99");
    }

    @Test
    void only_the_local_platform_and_only_knelpunten_with_checks_can_be_calibrated() {
        assertThat(nl.logius.platformacceptance.cli.PlatformAcceptance.execute("calibrate", "--target",
                nl.logius.platformacceptance.runfolder.HarnessInfo.projectHome().resolve("suites/targets/lpc-example.yaml").toString(),
                "--out", temp.toString())).isEqualTo(2);
        // a knelpunt that no check verifies yet, while there is one (checks are being added)
        java.util.Set<String> covered = new java.util.HashSet<>();
        nl.logius.platformacceptance.run.CheckCatalog.discover().checks().forEach(c -> covered.addAll(c.knelpunten()));
        nl.logius.platformacceptance.register.RegisterLoader.load(nl.logius.platformacceptance.runfolder.HarnessInfo.projectHome()
                        .resolve("suites/knelpunten.yaml")).knelpunten().stream()
                .map(nl.logius.platformacceptance.register.Knelpunt::id).filter(id -> !covered.contains(id)).findFirst()
                .ifPresent(uncovered -> assertThat(nl.logius.platformacceptance.cli.PlatformAcceptance.execute("calibrate",
                        "--knelpunt", uncovered, "--out", temp.toString())).isEqualTo(2));
        assertThat(temp.resolve("calibration")).doesNotExist();
    }

    private KnelpuntCalibration calibrate(String id, String healthyStatus, String injectedStatus) throws Exception {
        CheckDescriptor check = new CheckDescriptor("SomeCheck.some_behaviour", CalibratorTest.class,
                CalibratorTest.class.getDeclaredMethod("calibrate", String.class, String.class, String.class), "failover", List.of(id), Set.of());
        RunOutcomes healthy = RunOutcomes.read(verdicts("healthy", id, healthyStatus));
        RunOutcomes injected = RunOutcomes.read(verdicts("injected", id, injectedStatus));
        return Calibrator.calibrationOf(id, List.of(check), healthy,
                new Calibrator.Injected(new CalibrationReport.SubRun("injected/" + id, 1, 1000, "injected/" + id + "/console.log"), injected),
                null);
    }

    private Path verdicts(String name, String id, String status) throws IOException {
        Path folder = Files.createDirectories(temp.resolve(name + "-" + status + "-" + System.nanoTime()));
        String verdict = status.equals("passed") ? "RESOLVED" : status.equals("failed") ? "FAILING" : "INCONCLUSIVE";
        Files.writeString(folder.resolve("verdicts.json"), "{\"knelpunten\": [{\"id\": \"" + id + "\", \"verdict\": \"" + verdict
                + "\", \"checks\": [{\"id\": \"SomeCheck.some_behaviour\", \"status\": \"" + status + "\", \"message\": \"m\"}]}]}");
        return folder;
    }
}
