package nl.logius.platformacceptance.bundle;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * An <a href="https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md">in-toto Statement v1</a>
 * with the test-result predicate: the run folder's manifest and its result file are the subjects, the run's
 * outcome is the predicate.
 */
public record InTotoStatement(@JsonProperty("_type") String type, List<Subject> subject, String predicateType,
                              TestResultPredicate predicate) {

    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String TEST_RESULT_PREDICATE = "https://in-toto.io/attestation/test-result/v0.1";

    public InTotoStatement {
        subject = List.copyOf(subject);
    }

    public static InTotoStatement of(List<Subject> subjects, TestResultPredicate predicate) {
        return new InTotoStatement(STATEMENT_TYPE, subjects, TEST_RESULT_PREDICATE, predicate);
    }

    /** A file of the run folder, by its path relative to the folder, and its digest. */
    public record Subject(String name, Map<String, String> digest) {
        public static Subject sha256(String name, String hex) {
            return new Subject(name, Map.of("sha256", hex));
        }
    }
}
