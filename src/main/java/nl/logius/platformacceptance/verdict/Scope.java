package nl.logius.platformacceptance.verdict;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a run's verdicts are evidence about, and what they are not: the target by kind and identity, whether it
 * is the local reference platform (which proves the checks, not an LPC release), and what the run covered and
 * did not. Every output states it: the summary, {@code knelpunten.md}, the Allure report and the overview.
 *
 * @param referencePlatform whether the target is the local reference platform
 * @param statement         one sentence for people, e.g. {@value #REFERENCE_PLATFORM}
 * @param targetName        the target profile's name
 * @param targetKind        local, kubernetes or openshift
 * @param targetDescription the profile's description
 * @param release           the release label the run was given
 * @param platform          the platform as it reported itself, or {@code unreachable}
 * @param areasCovered      the areas of which the run checked at least one knelpunt
 * @param areasNotCovered   the areas of which it checked none
 * @param knelpuntenChecked the selected knelpunten that have a check
 * @param notSelected       the knelpunten with a check that the run did not select
 * @param withoutCheck      the register's knelpunten that no check of the harness verifies
 * @param injected          the knelpunten whose fault was injected (then the run is calibration, no verdict on a release)
 */
public record Scope(boolean referencePlatform, String statement, String targetName, String targetKind, String targetDescription,
                    String release, String platform, List<String> areasCovered, List<String> areasNotCovered,
                    List<String> knelpuntenChecked, List<String> notSelected, List<String> withoutCheck, List<String> injected) {

    /** What a run on the local reference platform is, in every output. */
    public static final String REFERENCE_PLATFORM = "reference platform: proves the checks, not an LPC release";

    public Scope {
        areasCovered = List.copyOf(areasCovered);
        areasNotCovered = List.copyOf(areasNotCovered);
        knelpuntenChecked = List.copyOf(knelpuntenChecked);
        notSelected = List.copyOf(notSelected);
        withoutCheck = List.copyOf(withoutCheck);
        injected = List.copyOf(injected);
    }

    /**
     * @param local      whether the target is the local reference platform
     * @param platform   the platform as it reported itself, or null when unreachable
     * @param knelpunten the verdict on every knelpunt of the register
     * @param hasCheck   whether a check of the harness verifies a knelpunt (by id)
     * @param injected   the injections of the run
     */
    public static Scope of(boolean local, String targetName, String targetKind, String targetDescription, String release,
                           String platform, List<KnelpuntVerdict> knelpunten, Predicate<String> hasCheck, List<String> injected) {
        Set<String> areas = new LinkedHashSet<>();
        Set<String> areasCovered = new LinkedHashSet<>();
        List<String> checked = new ArrayList<>();
        List<String> notSelected = new ArrayList<>();
        List<String> withoutCheck = new ArrayList<>();
        for (KnelpuntVerdict knelpunt : knelpunten) {
            areas.add(knelpunt.area());
            if (knelpunt.selected() && !knelpunt.checks().isEmpty()) {
                checked.add(knelpunt.id());
                areasCovered.add(knelpunt.area());
            } else if (!hasCheck.test(knelpunt.id())) {
                withoutCheck.add(knelpunt.id());
            } else if (!knelpunt.selected()) {
                notSelected.add(knelpunt.id());
            }
        }
        List<String> areasNotCovered = areas.stream().filter(a -> !areasCovered.contains(a)).toList();
        String statement = !injected.isEmpty()
                ? "calibration: faults injected on purpose (" + String.join(", ", injected) + "), no verdict on any release"
                : local ? REFERENCE_PLATFORM
                : "platform release " + release + " on target " + targetName + " (" + targetKind + "): evidence about this release";
        return new Scope(local, statement, targetName, targetKind, targetDescription, release,
                platform == null ? "unreachable" : platform, List.copyOf(areasCovered), areasNotCovered, checked, notSelected,
                withoutCheck, injected);
    }

    /** {@code target local (local), Docker Engine 20.10: reference platform: ...}. */
    public String headline() {
        return "target " + targetName + " (" + targetKind + ", " + platform + "): " + statement;
    }

    /** What the run covered and did not, in one paragraph. */
    public String coverage() {
        return "covered " + knelpuntenChecked.size() + " knelpunt(en) " + list(knelpuntenChecked) + " in " + list(areasCovered)
                + "; not covered: areas " + list(areasNotCovered) + ", not selected " + list(notSelected)
                + ", without a check in the harness " + list(withoutCheck);
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }
}
