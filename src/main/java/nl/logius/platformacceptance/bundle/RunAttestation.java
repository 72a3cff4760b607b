package nl.logius.platformacceptance.bundle;

import nl.logius.platformacceptance.verdict.CheckOutcome;
import nl.logius.platformacceptance.verdict.CheckStatus;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.Provenance;
import nl.logius.platformacceptance.verdict.RunVerdicts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The test-result predicate of a run, from its verdicts: each check that ran is a test named
 * {@code KP-FO-01/InstanceLossCheck.method}, passed, warned (broken or skipped: it could not measure) or
 * failed; the configuration names the register and the target profile by digest, the harness by commit,
 * the selection, the platform and the calibration relied on.
 */
public final class RunAttestation {

    private static final Pattern GIT_COMMIT = Pattern.compile("[0-9a-f]{40}");

    private RunAttestation() {
    }

    public static TestResultPredicate predicate(RunVerdicts verdicts) {
        List<String> passed = new ArrayList<>();
        List<String> warned = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (KnelpuntVerdict knelpunt : verdicts.knelpunten()) {
            for (CheckOutcome check : knelpunt.checks()) {
                String name = knelpunt.id() + "/" + check.id();
                (check.status() == CheckStatus.PASSED ? passed : check.status() == CheckStatus.FAILED ? failed : warned).add(name);
            }
        }
        Provenance provenance = verdicts.provenance();
        List<TestResultPredicate.ResourceDescriptor> configuration = provenance == null ? List.of() : configuration(provenance);
        String url = provenance == null || provenance.operator().ci() == null ? null : provenance.operator().ci().url();
        return new TestResultPredicate(TestResultPredicate.resultOf(warned, failed), configuration, url, passed, warned, failed);
    }

    /** The inputs of a run as in-toto ResourceDescriptors. */
    public static List<TestResultPredicate.ResourceDescriptor> configuration(Provenance provenance) {
        List<TestResultPredicate.ResourceDescriptor> configuration = new ArrayList<>();
        configuration.add(new TestResultPredicate.ResourceDescriptor("register", provenance.register().path(),
                Map.of("sha256", provenance.register().sha256()), Map.of()));
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("target", provenance.target().name());
        target.put("kind", provenance.target().kind());
        target.put("release", provenance.target().release());
        configuration.add(new TestResultPredicate.ResourceDescriptor("target-profile", provenance.target().profile(),
                Map.of("sha256", provenance.target().sha256()), target));
        String commit = provenance.harness().commit();
        configuration.add(new TestResultPredicate.ResourceDescriptor("harness", null,
                GIT_COMMIT.matcher(commit).matches() ? Map.of("gitCommit", commit) : Map.of(),
                Map.of("version", provenance.harness().version(), "commit", commit)));
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("areas", provenance.selection().areas());
        selection.put("knelpunten", provenance.selection().knelpunten());
        selection.put("injections", provenance.selection().injections());
        selection.put("checks", provenance.checks());
        configuration.add(new TestResultPredicate.ResourceDescriptor("selection", null, Map.of(), selection));
        if (provenance.platform() != null) {
            configuration.add(new TestResultPredicate.ResourceDescriptor("platform", null, Map.of(),
                    Map.of("kind", provenance.platform().kind(), "name", provenance.platform().name(),
                            "version", provenance.platform().version())));
        }
        Provenance.Calibration calibration = provenance.calibration();
        if (calibration != null && calibration.isLinked()) {
            configuration.add(new TestResultPredicate.ResourceDescriptor("calibration", calibration.path(),
                    Map.of("sha256", calibration.manifestSha256()),
                    Map.of("runId", calibration.runId(), "allDetected", calibration.allDetected())));
        }
        return configuration;
    }
}
