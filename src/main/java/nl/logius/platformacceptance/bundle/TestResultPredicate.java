package nl.logius.platformacceptance.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The <a href="https://github.com/in-toto/attestation/blob/main/spec/predicates/test-result.md">test-result
 * predicate v0.1</a> of a run: {@code PASSED} when every selected check passed, {@code FAILED} when one
 * failed its criterion, {@code WARNED} when nothing failed but a check could not measure (broken or skipped:
 * the INCONCLUSIVE verdict). Tests are named {@code KP-FO-01/InstanceLossCheck.method}.
 *
 * @param configuration the register, the target profile, the harness, the selection and the calibration relied on
 * @param url           the CI job, when there was one
 */
public record TestResultPredicate(String result, List<ResourceDescriptor> configuration, String url,
                                  List<String> passedTests, List<String> warnedTests, List<String> failedTests) {

    public TestResultPredicate {
        configuration = List.copyOf(configuration);
        passedTests = List.copyOf(passedTests);
        warnedTests = List.copyOf(warnedTests);
        failedTests = List.copyOf(failedTests);
    }

    /** PASSED, WARNED or FAILED from the tests' lists. */
    public static String resultOf(List<String> warned, List<String> failed) {
        return !failed.isEmpty() ? "FAILED" : !warned.isEmpty() ? "WARNED" : "PASSED";
    }

    /**
     * An in-toto ResourceDescriptor: a configuration input by name, with its digest where it is a file,
     * and what else describes it as annotations.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ResourceDescriptor(String name, String uri, Map<String, String> digest, Map<String, Object> annotations) {
    }
}
