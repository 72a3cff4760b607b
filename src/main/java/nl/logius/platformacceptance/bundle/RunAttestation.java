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
 * failed; the configuration names the register, the target profile and the waivers by digest (and their copies
 * in the folder), the harness by commit and build, the selection, the platform, the calibration relied on, and
 * the signing key by its id.
 */
public final class RunAttestation {

    /** The configuration entry that names the signing key by its id (the SHA-256 of its DER). */
    public static final String SIGNING_KEY = "signing-key";
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

    private static Map<String, Object> copy(String copy) {
        return copy == null ? Map.of() : Map.of("copy", copy);
    }

    /** The inputs of a run as in-toto ResourceDescriptors, and the key that signs the statement. */
    public static List<TestResultPredicate.ResourceDescriptor> configuration(Provenance provenance) {
        List<TestResultPredicate.ResourceDescriptor> configuration = new ArrayList<>();
        configuration.add(new TestResultPredicate.ResourceDescriptor("register", provenance.register().path(),
                Map.of("sha256", provenance.register().sha256()), copy(provenance.register().copy())));
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("target", provenance.target().name());
        target.put("kind", provenance.target().kind());
        target.put("release", provenance.target().release());
        if (provenance.target().copy() != null) {
            target.put("copy", provenance.target().copy());
        }
        configuration.add(new TestResultPredicate.ResourceDescriptor("target-profile", provenance.target().profile(),
                Map.of("sha256", provenance.target().sha256()), target));
        String commit = provenance.harness().commit();
        Map<String, Object> harness = new LinkedHashMap<>();
        harness.put("version", provenance.harness().version());
        harness.put("commit", commit);
        if (provenance.harness().build() != null) {
            harness.put("checks", provenance.harness().build().checks());
            if (provenance.harness().build().probeImage() != null) {
                harness.put("probeImage", provenance.harness().build().probeImage());
            }
        }
        configuration.add(new TestResultPredicate.ResourceDescriptor("harness", null,
                GIT_COMMIT.matcher(commit).matches() ? Map.of("gitCommit", commit) : Map.of(), harness));
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
            Map<String, Object> proof = new LinkedHashMap<>();
            proof.put("runId", calibration.runId());
            proof.put("allDetected", calibration.allDetected());
            proof.put("proof", calibration.proofOrLegacy().name());
            proof.put("detectable", calibration.detectable());
            proof.put("carried", calibration.carried());
            configuration.add(new TestResultPredicate.ResourceDescriptor("calibration", calibration.path(),
                    Map.of("sha256", calibration.manifestSha256()), proof));
        }
        if (provenance.waivers() != null && provenance.waivers().sha256() != null) {
            configuration.add(new TestResultPredicate.ResourceDescriptor("waivers", provenance.waivers().path(),
                    Map.of("sha256", provenance.waivers().sha256()), Map.of("copy", provenance.waivers().copy())));
        }
        // The key id is the SHA-256 of the key's DER: the signed statement names the key that signs it, which
        // verify and the offline script compare with the key that verifies it.
        Provenance.Signing signing = provenance.signing();
        configuration.add(new TestResultPredicate.ResourceDescriptor(SIGNING_KEY, null, Map.of("sha256", signing.keyId()),
                Map.of("algorithm", signing.algorithm(), "origin", signing.origin(), "ephemeral", signing.isEphemeral())));
        return configuration;
    }
}
