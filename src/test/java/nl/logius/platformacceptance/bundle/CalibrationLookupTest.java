package nl.logius.platformacceptance.bundle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.runfolder.RunFolder;
import nl.logius.platformacceptance.verdict.CheckFingerprint.CriterionFingerprint;
import nl.logius.platformacceptance.verdict.CheckFingerprint.ThresholdView;
import nl.logius.platformacceptance.verdict.HarnessBuild;
import nl.logius.platformacceptance.verdict.Provenance;
import nl.logius.platformacceptance.verdict.Provenance.CalibrationProof;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which calibration a run relies on, on calibration folders sealed by the real sealing code: only one of the
 * run's own build whose seal verifies, and only for the knelpunten it detected with the thresholds the run uses.
 */
class CalibrationLookupTest {

    private static final HarnessBuild BUILD = new HarnessBuild("sha256:aaaa", 20, "localhost/platform-acceptance/probe:1111");
    private static final CriterionFingerprint NET_01 = criterion("lookup-time-p99", 100);
    private static final CriterionFingerprint FO_01 = criterion("availability", 99);

    @TempDir
    Path reports;

    @Test
    void without_a_calibration_of_the_same_build_the_run_is_uncalibrated_and_says_why() throws IOException {
        Path run = runFolder();
        assertThat(CalibrationLookup.find(reports, BUILD, Map.of("KP-NET-01", NET_01), run).describe())
                .startsWith("UNCALIBRATED: no calibration under");

        calibration("20261129T100000Z-0001", new HarnessBuild("sha256:other", 20, BUILD.probeImage()), Map.of("KP-NET-01", NET_01));
        calibration("20261129T110000Z-0002", new HarnessBuild(BUILD.checks(), 20, "localhost/platform-acceptance/probe:2222"),
                Map.of("KP-NET-01", NET_01));

        Provenance.Calibration none = CalibrationLookup.find(reports, BUILD, Map.of("KP-NET-01", NET_01), run);
        assertThat(none.isLinked()).isFalse();
        assertThat(none.proof()).isEqualTo(CalibrationProof.UNCALIBRATED);
        assertThat(none.reason()).startsWith("no sealed calibration of this harness build (20 check(s) sha256:aaaa, probe image "
                + BUILD.probeImage() + ")");
    }

    @Test
    void the_newest_calibration_of_the_same_build_proves_the_knelpunten_it_detected_with_the_same_thresholds() throws IOException {
        Path run = runFolder();
        calibration("20261129T100000Z-0001", BUILD, Map.of("KP-NET-01", NET_01, "KP-FO-01", FO_01));
        Path newest = calibration("20261129T120000Z-0002", BUILD, Map.of("KP-NET-01", NET_01));

        Provenance.Calibration calibration = CalibrationLookup.find(reports, BUILD,
                Map.of("KP-NET-01", NET_01, "KP-FO-01", FO_01), run);

        assertThat(calibration.runId()).isEqualTo("20261129T120000Z-0002");
        assertThat(calibration.path()).isEqualTo("../../calibration/20261129T120000Z-0002");
        assertThat(calibration.manifestSha256()).isEqualTo(Sha256.of(newest.resolve("manifest.json")));
        assertThat(calibration.proof()).isEqualTo(CalibrationProof.PARTLY_CALIBRATED);
        assertThat(calibration.detectable()).containsExactly("KP-NET-01");
        assertThat(calibration.unproven()).containsExactly(new Provenance.Calibration.Unproven("KP-FO-01",
                "calibration 20261129T120000Z-0002 did not calibrate it"));

        Provenance.Calibration netOnly = CalibrationLookup.find(reports, BUILD, Map.of("KP-NET-01", NET_01), run);
        assertThat(netOnly.proof()).isEqualTo(CalibrationProof.CALIBRATED);
    }

    @Test
    void other_thresholds_or_an_undetected_injection_prove_nothing() throws IOException {
        Path run = runFolder();
        calibration("20261129T100000Z-0001", BUILD, Map.of("KP-NET-01", criterion("lookup-time-p99", 250)));

        Provenance.Calibration loosened = CalibrationLookup.find(reports, BUILD, Map.of("KP-NET-01", NET_01), run);

        assertThat(loosened.proof()).isEqualTo(CalibrationProof.UNCALIBRATED);
        assertThat(loosened.unproven()).singleElement().satisfies(u -> assertThat(u.reason())
                .isEqualTo("calibrated with other thresholds (lookup-time-p99 <= 250 ms) than this run compares with"
                        + " (lookup-time-p99 <= 100 ms)"));

        calibration("20261129T110000Z-0002", BUILD, Map.of(), Map.of("KP-FO-01", FO_01));
        Provenance.Calibration notDetected = CalibrationLookup.find(reports, BUILD, Map.of("KP-FO-01", FO_01), run);
        assertThat(notDetected.runId()).isEqualTo("20261129T110000Z-0002");
        assertThat(notDetected.proof()).isEqualTo(CalibrationProof.UNCALIBRATED);
        assertThat(notDetected.unproven()).singleElement().satisfies(u -> assertThat(u.reason())
                .startsWith("calibration 20261129T110000Z-0002 did not detect its injection: InstanceLossCheck.service_survives"
                        + " passed with KP-FO-01 injected"));
    }

    @Test
    void a_calibration_whose_seal_does_not_verify_is_refused_and_named() throws IOException {
        Path run = runFolder();
        Path tampered = calibration("20261129T100000Z-0001", BUILD, Map.of("KP-NET-01", NET_01));
        Files.writeString(tampered.resolve("calibration.md"), "# forged\n");

        Provenance.Calibration calibration = CalibrationLookup.find(reports, BUILD, Map.of("KP-NET-01", NET_01), run);

        assertThat(calibration.isLinked()).isFalse();
        assertThat(calibration.reason()).contains("refused: 20261129T100000Z-0001 (its seal does not verify: calibration.md: changed");
    }

    @Test
    void the_run_carries_the_calibration_it_relied_on() throws IOException {
        Path calibrationFolder = calibration("20261129T100000Z-0001", BUILD, Map.of("KP-NET-01", NET_01));
        RunFolder run = RunFolder.create(reports, "2026.11", Instant.parse("2026-11-30T09:00:00Z"));

        CalibrationLookup.carry(CalibrationLookup.find(reports, BUILD, Map.of("KP-NET-01", NET_01), run.path()), run);

        for (String name : List.of("calibration.json", "calibration.md", "manifest.json", "manifest.sig", "bundle.dsse.json",
                "signing-key.pub.pem", "signing-key.id")) {
            assertThat(run.path().resolve("calibration").resolve(name)).hasSameBinaryContentAs(calibrationFolder.resolve(name));
        }
    }

    private Path runFolder() throws IOException {
        return Files.createDirectories(reports.resolve("2026.11/20261130T090000Z-aaaa"));
    }

    private Path calibration(String runId, HarnessBuild build, Map<String, CriterionFingerprint> detected) throws IOException {
        return calibration(runId, build, detected, Map.of());
    }

    /** A calibration folder with calibration.json of this build and these knelpunten, detected or not, sealed. */
    private Path calibration(String runId, HarnessBuild build, Map<String, CriterionFingerprint> detected,
                             Map<String, CriterionFingerprint> undetected) throws IOException {
        Path folder = Files.createDirectories(reports.resolve("calibration").resolve(runId));
        ObjectNode report = Mappers.JSON.createObjectNode().put("runId", runId).put("allDetected", undetected.isEmpty());
        report.putObject("harness").set("build", Mappers.JSON.valueToTree(build));
        ArrayNode knelpunten = report.putArray("knelpunten");
        detected.forEach((id, criterion) -> knelpunten.addObject().put("id", id).put("detected", true)
                .set("criterion", Mappers.JSON.valueToTree(criterion)));
        undetected.forEach((id, criterion) -> {
            ObjectNode knelpunt = knelpunten.addObject().put("id", id).put("detected", false);
            knelpunt.putArray("checks").addObject().put("id", "InstanceLossCheck.service_survives").put("detected", false)
                    .put("reason", "passed with " + id + " injected: the check does not detect its knelpunt");
            knelpunt.set("criterion", Mappers.JSON.valueToTree(criterion));
        });
        Files.writeString(folder.resolve("calibration.json"), Mappers.JSON.writeValueAsString(report));
        Files.writeString(folder.resolve("calibration.md"), "# Calibration " + runId + "\n");
        SigningKey key = SigningKey.generateEphemeral();
        EvidenceBundle.seal(folder, runId, "calibration.json", SealedFolders.predicate(key), key);
        return folder;
    }

    private static CriterionFingerprint criterion(String threshold, double value) {
        return new CriterionFingerprint("criterion", List.of(new ThresholdView(threshold, threshold.equals("availability") ? ">=" : "<=",
                value, threshold.equals("availability") ? "%" : "ms")), List.of());
    }
}
