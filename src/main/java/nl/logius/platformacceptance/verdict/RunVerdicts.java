package nl.logius.platformacceptance.verdict;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of {@code verdicts.json}: one run against one target, with a verdict for every knelpunt of
 * the register (selected or not), so that nothing is silently left out.
 *
 * @param harness   the harness version and git commit
 * @param platform  the platform as it described itself, or null when it could not be reached
 * @param selection what the run was asked to do
 * @param exitCode  the launcher's exit code for this run
 * @param services  per service whether it may migrate on this release of this target, as of this run (with the
 *                  verdicts of earlier runs of the release for knelpunten this run did not check); null for a
 *                  calibration run, which is no verdict on a release, and in runs older than the section
 * @param fingerprints per check that the run selected: its code version and criteria (absent in older runs)
 * @param provenance who ran it, when, against what and with what; the signing key and the calibration relied on
 * @param scope      what the verdicts are evidence about (the target, reference platform or not) and what the run
 *                   covered and did not (absent in older runs)
 */
public record RunVerdicts(String release, String target, String runId, Instant startedAt, Instant finishedAt,
                          Harness harness, PlatformView platform, Selection selection, int exitCode,
                          Map<Verdict, Integer> summary, ReleaseReadiness services, List<KnelpuntVerdict> knelpunten,
                          Map<String, CheckFingerprint> fingerprints, Provenance provenance, Scope scope) {

    public RunVerdicts {
        knelpunten = List.copyOf(knelpunten);
        fingerprints = fingerprints == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(fingerprints));
    }

    public record Harness(String version, String commit) {
    }

    public record PlatformView(String kind, String name, String version) {
    }

    /**
     * @param areas      areas selected with --area (empty: all)
     * @param knelpunten ids selected with --knelpunt (empty: all)
     * @param injections knelpunten injected on the local platform (empty: a healthy platform)
     */
    public record Selection(List<String> areas, List<String> knelpunten, List<String> injections) {
    }

    /** The same verdicts with the readiness of each service. */
    public RunVerdicts withServices(ReleaseReadiness readiness) {
        return new RunVerdicts(release, target, runId, startedAt, finishedAt, harness, platform, selection, exitCode, summary,
                readiness, knelpunten, fingerprints, provenance, scope);
    }

    public static Map<Verdict, Integer> summarize(List<KnelpuntVerdict> verdicts) {
        Map<Verdict, Integer> summary = new EnumMap<>(Verdict.class);
        for (Verdict verdict : Verdict.values()) {
            summary.put(verdict, 0);
        }
        verdicts.forEach(v -> summary.merge(v.verdict(), 1, Integer::sum));
        return summary;
    }

    /**
     * 0 nothing selected FAILING or INCONCLUSIVE; 1 some FAILING; 3 some INCONCLUSIVE and nothing FAILING.
     * With {@code requireCoverage}, a selected NOT_COVERED knelpunt counts as INCONCLUSIVE.
     */
    public static int exitCode(List<KnelpuntVerdict> verdicts, boolean requireCoverage) {
        return exitCode(verdicts, requireCoverage, false, null);
    }

    /**
     * As {@link #exitCode(List, boolean)}; with {@code requireCalibration}, a run whose selected knelpunten are not
     * all proven detectable by a calibration of the same build ({@code calibration} not CALIBRATED) is inconclusive
     * too: an all-green result without proof that its checks could fail proves nothing.
     */
    public static int exitCode(List<KnelpuntVerdict> verdicts, boolean requireCoverage, boolean requireCalibration,
                               Provenance.Calibration calibration) {
        boolean failing = verdicts.stream().anyMatch(v -> v.verdict() == Verdict.FAILING);
        boolean inconclusive = verdicts.stream().anyMatch(v -> v.verdict() == Verdict.INCONCLUSIVE
                || (requireCoverage && v.selected() && v.verdict() == Verdict.NOT_COVERED));
        boolean uncalibrated = requireCalibration
                && (calibration == null || calibration.proofOrLegacy() != Provenance.CalibrationProof.CALIBRATED);
        return failing ? 1 : inconclusive || uncalibrated ? 3 : 0;
    }
}
