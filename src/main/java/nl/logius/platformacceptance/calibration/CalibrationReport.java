package nl.logius.platformacceptance.calibration;

import nl.logius.platformacceptance.bundle.RunAttestation;
import nl.logius.platformacceptance.bundle.TestResultPredicate;
import nl.logius.platformacceptance.verdict.CheckFingerprint;
import nl.logius.platformacceptance.verdict.Provenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code calibration.json}: per knelpunt and check, how it ended on the healthy local platform and with its
 * knelpunt injected, and whether the injection was detected. Detected means passed healthy AND failed
 * injected: a check that broke (could not measure) under the injection did not detect anything.
 *
 * @param harness       the harness version, commit and build (its checks' code and probe image): a run relies on
 *                      this calibration only when its own build is the same
 * @param healthyRun    the one healthy run of every calibrated check, relative to the calibration folder
 * @param notCalibrated knelpunten with an injection but no check yet, which nothing can detect
 * @param allDetected   whether every calibrated check detected its injection
 */
public record CalibrationReport(String format, String runId, String target, String release, Provenance.Harness harness,
                                Instant startedAt, Instant finishedAt, SubRun healthyRun, List<KnelpuntCalibration> knelpunten,
                                List<NotCalibrated> notCalibrated, boolean allDetected, int exitCode, Provenance provenance) {

    public static final String FORMAT = "platform-acceptance-calibration/v1";

    public CalibrationReport {
        knelpunten = List.copyOf(knelpunten);
        notCalibrated = List.copyOf(notCalibrated);
    }

    /**
     * A run of the harness that calibration started.
     *
     * @param path       its run folder, relative to the calibration folder (null when it wrote none)
     * @param exitCode   its exit code, or null when it was killed at its deadline
     * @param log        its console output, relative to the calibration folder (child runs only)
     */
    public record SubRun(String path, Integer exitCode, long durationMs, String log) {
    }

    /**
     * One knelpunt: its injection, its verdict healthy and injected, its checks, and the criterion they compared with.
     *
     * @param injection the LocalInjection that reproduces it, or null when the local platform has none
     * @param criterion its thresholds and parameters as calibrated: a run that compares with others is not proven by it
     */
    public record KnelpuntCalibration(String id, String injection, String injectionDescription, String healthyVerdict,
                                      String injectedVerdict, SubRun injectedRun, List<CheckCalibration> checks, boolean detected,
                                      CheckFingerprint.CriterionFingerprint criterion) {
        public KnelpuntCalibration {
            checks = List.copyOf(checks);
        }
    }

    /**
     * One check of a knelpunt.
     *
     * @param healthy  passed, failed, broken, skipped, or "not reported"
     * @param injected the same, with the knelpunt injected
     * @param detected passed healthy and failed injected
     * @param reason   why it was not detected; null when it was
     */
    public record CheckCalibration(String id, String healthy, String healthyMessage, String injected, String injectedMessage,
                                   boolean detected, String reason) {
    }

    public record NotCalibrated(String id, String reason) {
    }

    /** The test-result predicate of a calibration: one test per knelpunt and check, passed when detected. */
    public TestResultPredicate predicate() {
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (KnelpuntCalibration knelpunt : knelpunten) {
            for (CheckCalibration check : knelpunt.checks()) {
                (check.detected() ? passed : failed).add(knelpunt.id() + "/" + check.id());
            }
        }
        String url = provenance.operator().ci() == null ? null : provenance.operator().ci().url();
        return new TestResultPredicate(TestResultPredicate.resultOf(List.of(), failed), RunAttestation.configuration(provenance),
                url, passed, List.of(), failed);
    }
}
