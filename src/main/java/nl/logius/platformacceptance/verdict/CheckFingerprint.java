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
 * @param digest   {@code sha256:<hex>} of all of the above: one value that changes when anything here changes
 */
public record CheckFingerprint(String code, List<String> classes, Map<String, CriterionFingerprint> criteria,
                               String digest) {

    public CheckFingerprint {
        classes = List.copyOf(classes);
        criteria = Collections.unmodifiableMap(new TreeMap<>(criteria)); // sorted: the same run, the same file
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
