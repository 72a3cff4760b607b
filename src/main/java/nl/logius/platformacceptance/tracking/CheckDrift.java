package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.register.Unit;
import nl.logius.platformacceptance.tracking.Drift.Direction;
import nl.logius.platformacceptance.tracking.Drift.Kind;
import nl.logius.platformacceptance.verdict.CheckFingerprint;
import nl.logius.platformacceptance.verdict.CheckFingerprint.CriterionFingerprint;
import nl.logius.platformacceptance.verdict.CheckFingerprint.ParameterView;
import nl.logius.platformacceptance.verdict.CheckFingerprint.ThresholdView;
import nl.logius.platformacceptance.verdict.RunVerdicts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the checks themselves changed between two runs, from the fingerprints in their verdicts.json: the code
 * of a check that ran in both, and the criterion of a knelpunt checked in both (its words, each threshold's
 * comparator, value and unit, each parameter, and which checks verify it).
 *
 * <p>A threshold change is ranked by its comparator: raising a {@code <=} limit or lowering a {@code >=} one
 * lets more through (weakened); the reverse tightens it; a change of comparator direction or of kind of unit
 * cannot be ranked. A check that no longer runs for a knelpunt weakens it; a new one tightens it.
 */
public final class CheckDrift {

    private CheckDrift() {
    }

    public static List<Drift> between(RunVerdicts before, RunVerdicts after) {
        List<Drift> drift = new ArrayList<>();
        Map<String, CheckFingerprint> first = before.fingerprints();
        Map<String, CheckFingerprint> second = after.fingerprints();
        for (String check : new TreeSet<>(first.keySet())) {
            CheckFingerprint a = first.get(check);
            CheckFingerprint b = second.get(check);
            if (b != null && !Objects.equals(a.code(), b.code())) {
                drift.add(new Drift(String.join(",", new TreeSet<>(b.criteria().keySet())), check, Kind.CHECK_CODE, check,
                        a.code(), b.code(), Direction.CHANGED));
            }
        }
        Map<String, CriterionFingerprint> criteriaBefore = criteria(first);
        Map<String, CriterionFingerprint> criteriaAfter = criteria(second);
        for (String knelpunt : criteriaBefore.keySet()) {
            CriterionFingerprint a = criteriaBefore.get(knelpunt);
            CriterionFingerprint b = criteriaAfter.get(knelpunt);
            if (b == null) {
                continue; // not checked in the second run: nothing to compare
            }
            if (!Objects.equals(a.criterion(), b.criterion())) {
                drift.add(new Drift(knelpunt, null, Kind.CRITERION_TEXT, "criterion", quote(a.criterion()), quote(b.criterion()),
                        Direction.CHANGED));
            }
            thresholds(knelpunt, a.thresholds(), b.thresholds(), drift);
            parameters(knelpunt, a.parameters(), b.parameters(), drift);
            checks(knelpunt, verifying(first, knelpunt), verifying(second, knelpunt), drift);
        }
        return drift;
    }

    /** Every knelpunt's criterion as the run's checks saw it (every check of a knelpunt sees the same one). */
    private static Map<String, CriterionFingerprint> criteria(Map<String, CheckFingerprint> fingerprints) {
        Map<String, CriterionFingerprint> criteria = new TreeMap<>();
        fingerprints.values().forEach(f -> f.criteria().forEach(criteria::putIfAbsent));
        return criteria;
    }

    private static Set<String> verifying(Map<String, CheckFingerprint> fingerprints, String knelpunt) {
        return fingerprints.entrySet().stream().filter(e -> e.getValue().criteria().containsKey(knelpunt))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void thresholds(String knelpunt, List<ThresholdView> before, List<ThresholdView> after, List<Drift> drift) {
        Map<String, ThresholdView> a = byName(before, ThresholdView::name);
        Map<String, ThresholdView> b = byName(after, ThresholdView::name);
        for (String name : union(a.keySet(), b.keySet())) {
            ThresholdView was = a.get(name);
            ThresholdView is = b.get(name);
            if (was != null && is != null && was.equals(is)) {
                continue;
            }
            Direction direction = was == null ? Direction.TIGHTENED : is == null ? Direction.WEAKENED : direction(was, is);
            drift.add(new Drift(knelpunt, null, Kind.THRESHOLD, name, describe(was), describe(is), direction));
        }
    }

    private static void parameters(String knelpunt, List<ParameterView> before, List<ParameterView> after, List<Drift> drift) {
        Map<String, ParameterView> a = byName(before, ParameterView::name);
        Map<String, ParameterView> b = byName(after, ParameterView::name);
        for (String name : union(a.keySet(), b.keySet())) {
            if (!Objects.equals(a.get(name), b.get(name))) {
                drift.add(new Drift(knelpunt, null, Kind.PARAMETER, name, describe(a.get(name)), describe(b.get(name)),
                        Direction.CHANGED));
            }
        }
    }

    private static void checks(String knelpunt, Set<String> before, Set<String> after, List<Drift> drift) {
        for (String check : union(before, after)) {
            if (!before.contains(check)) {
                drift.add(new Drift(knelpunt, check, Kind.CHECK_SET, check, null, "runs", Direction.TIGHTENED));
            } else if (!after.contains(check)) {
                drift.add(new Drift(knelpunt, check, Kind.CHECK_SET, check, "ran", null, Direction.WEAKENED));
            }
        }
    }

    /** Whether the threshold {@code is} accepts more measurements (weakened) or fewer (tightened) than {@code was}. */
    static Direction direction(ThresholdView was, ThresholdView is) {
        Optional<double[]> values = comparable(was, is);
        boolean upper = isUpper(was.comparator()) && isUpper(is.comparator());
        boolean lower = isLower(was.comparator()) && isLower(is.comparator());
        if (values.isEmpty() || !(upper || lower)) {
            return Direction.CHANGED;
        }
        double a = values.get()[0];
        double b = values.get()[1];
        if (a == b) {
            boolean strictBefore = was.comparator().length() == 1;
            boolean strictAfter = is.comparator().length() == 1;
            return strictBefore == strictAfter ? Direction.CHANGED : strictBefore ? Direction.WEAKENED : Direction.TIGHTENED;
        }
        boolean higher = b > a;
        return upper == higher ? Direction.WEAKENED : Direction.TIGHTENED;
    }

    /** Both values in one unit: the same unit, or two units of time converted to milliseconds. */
    private static Optional<double[]> comparable(ThresholdView was, ThresholdView is) {
        if (was.unit().equals(is.unit())) {
            return Optional.of(new double[] {was.value(), is.value()});
        }
        Optional<Unit> a = Unit.bySymbol(was.unit());
        Optional<Unit> b = Unit.bySymbol(is.unit());
        if (a.isPresent() && b.isPresent() && a.get().kind() == Unit.Kind.DURATION && b.get().kind() == Unit.Kind.DURATION) {
            return Optional.of(new double[] {Unit.MILLISECONDS.fromDuration(a.get().toDuration(was.value())),
                    Unit.MILLISECONDS.fromDuration(b.get().toDuration(is.value()))});
        }
        return Optional.empty();
    }

    private static boolean isUpper(String comparator) {
        return comparator.equals("<=") || comparator.equals("<");
    }

    private static boolean isLower(String comparator) {
        return comparator.equals(">=") || comparator.equals(">");
    }

    private static String describe(ThresholdView threshold) {
        return threshold == null ? null
                : threshold.comparator() + " " + Threshold.formatNumber(threshold.value()) + " " + threshold.unit();
    }

    private static String describe(ParameterView parameter) {
        return parameter == null ? null : parameter.values().stream().map(Threshold::formatNumber)
                .collect(Collectors.joining(", ")) + " " + parameter.unit();
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.putIfAbsent(name.apply(item), item));
        return map;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new LinkedHashSet<>(a); // the first run's order, then what the second added
        union.addAll(b);
        return union;
    }
}
