package nl.logius.platformacceptance.verdict;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one check was in one run: the version of its code and the criterion it compared with, so that
 * {@code compare} can show an auditor whether a check or its thresholds changed between two runs (a check
 * weakened just before it turned green).
 *
 * @param code     {@code sha256:<hex>} of the bytecode of the check class and every class nested in it
 * @param classes  the classes that {@code code} covers, by name
 * @param criteria per knelpunt the check verifies: its criterion as the check saw it (target overrides applied)
 * @param digest   {@code sha256:<hex>} of code, classes and criteria: one value that changes when any of them changes
 * @param source   the check's source file at the harness commit and the SHA-256 of its text, which an auditor can
 *                 recompute from the repository (the bytecode they cannot); absent in older runs
 */
public record CheckFingerprint(String code, List<String> classes, Map<String, CriterionFingerprint> criteria,
                               String digest, Source source) {

    public CheckFingerprint {
        classes = List.copyOf(classes);
        criteria = Collections.unmodifiableMap(new TreeMap<>(criteria)); // sorted: the same run, the same file
    }

    /**
     * Where a check's code comes from: {@code git show <commit>:<path> | sha256sum} gives {@code sha256}.
     *
     * @param path   the file in the repository, e.g. {@code src/main/java/nl/.../InstanceLossCheck.java}
     * @param commit the harness commit ({@code -dirty} when the working tree had changes: then only this build has the text)
     * @param sha256 {@code sha256:<hex>} of the source text the build packaged, or null when the build has no source
     * @param reason why there is no {@code sha256}; null when there is one
     */
    public record Source(String path, String commit, String sha256, String reason) {

        /** One line for people: {@code path at commit abc (sha256:...)}. */
        public String describe() {
            return path + " at commit " + commit + (sha256 != null ? " (source " + sha256 + ")" : " (no source text: " + reason + ")");
        }
    }

    /** A knelpunt's criterion in words and as data. */
    public record CriterionFingerprint(String criterion, List<ThresholdView> thresholds, List<ParameterView> parameters) {
        public CriterionFingerprint {
            thresholds = List.copyOf(thresholds);
            parameters = List.copyOf(parameters);
        }
    }

    /** {@code availability >= 99 %}. */
    public record ThresholdView(String name, String comparator, double value, String unit) {
    }

    /** {@code lookups = 200 count}; several values for a parameter such as payload sizes. */
    public record ParameterView(String name, List<Double> values, String unit) {
        public ParameterView {
            values = List.copyOf(values);
        }
    }
}
