package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.run.RunOptions;
import nl.logius.platformacceptance.target.ReleaseLabel;
import nl.logius.platformacceptance.target.TargetLoader;
import nl.logius.platformacceptance.tracking.ReadinessTracker;
import nl.logius.platformacceptance.tracking.RunHistory;
import nl.logius.platformacceptance.verdict.ReleaseReadiness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The release and target that {@code readiness} and {@code steering-report} judge, chosen from the finished release
 * runs under the output root, or bad input that says what was found instead. A target is never guessed between
 * several: one target's runs say nothing about a release on another.
 *
 * @param root      the output root that holds the run folders
 * @param tracker   the readiness of every release of every target under it
 * @param readiness the chosen release on the chosen target
 */
record ReleaseChoice(Path root, ReadinessTracker tracker, ReleaseReadiness readiness) {

    /** {@code --release}: a label that can name a folder under the output root. */
    static void checkLabel(String release) {
        if (release.isBlank()) {
            throw BadInputException.argument("--release", "empty; expected a release label such as 2026.11");
        }
        if (!ReleaseLabel.valid(release)) {
            throw BadInputException.argument("--release " + release, "malformed release; " + ReleaseLabel.EXPECTED);
        }
    }

    /** {@code --reports DIR}, or {@code reports/}. */
    static Path rootOf(Path reports) {
        return reports != null ? reports : RunOptions.defaults().outputRoot();
    }

    /** {@code --reports DIR}, or {@code reports/}, which must be a folder (of run folders). */
    static Path existingRoot(Path reports) {
        Path root = rootOf(reports);
        if (!Files.isDirectory(root)) {
            throw BadInputException.argument(reports != null ? "--reports " + reports : root.toString(),
                    (Files.exists(root) ? "not a folder" : "no such folder") + "; expected the folder that holds the run "
                            + "folders (reports/ unless the runs were given --out DIR; run the checks first)");
        }
        return root;
    }

    /** The readiness of every release of every target under {@code root}, with waivers judged on {@code day}. */
    static ReadinessTracker track(Path root, Register register, LocalDate day) {
        return ReadinessTracker.of(RunHistory.scan(root).releaseRuns(), register, day);
    }

    /**
     * @param target a target's name as runs record it ({@code local}), or its profile file; null: the only target on
     *               which the release has runs
     */
    static ReleaseChoice choose(Path root, ReadinessTracker tracker, String release, String target, Register register) {
        List<String> targets = tracker.targetsOf(release);
        if (targets.isEmpty()) {
            throw BadInputException.argument("--release " + release, "no finished release run of " + release + " under " + root
                    + " (runs with injected faults are calibration and do not count); expected " + releasesFound(tracker));
        }
        String chosen;
        if (target == null) {
            if (targets.size() > 1) {
                throw BadInputException.argument("--release " + release, "run on " + targets.size() + " targets ("
                        + String.join(", ", targets) + "), and the runs of one target say nothing about another; expected "
                        + "--target with one of " + String.join(", ", targets));
            }
            chosen = targets.get(0);
        } else {
            chosen = targetName(target, register);
            if (!targets.contains(chosen)) {
                throw BadInputException.argument("--target " + target, "release " + release + " has no finished run on target "
                        + chosen + "; expected one of the targets it was run on: " + String.join(", ", targets));
            }
        }
        return new ReleaseChoice(root, tracker, tracker.readiness(chosen, release).orElseThrow());
    }

    private static String targetName(String target, Register register) {
        Path profile = Path.of(target);
        if (Files.exists(profile)) {
            return TargetLoader.load(profile, register).name();
        }
        if (!ReleaseLabel.valid(target)) {
            throw BadInputException.argument("--target " + target, "neither a target profile nor a target's name; expected "
                    + "the name runs record (such as local) or a profile file (such as suites/targets/local.yaml)");
        }
        return target;
    }

    /** {@code one of the releases found: 2026.11 (local, lpc-acc), 2026.10 (local)}. */
    private static String releasesFound(ReadinessTracker tracker) {
        Map<String, List<String>> targetsByRelease = new LinkedHashMap<>();
        tracker.targets().forEach(t -> tracker.releases(t)
                .forEach(r -> targetsByRelease.computeIfAbsent(r.release(), key -> new ArrayList<>()).add(t)));
        return targetsByRelease.isEmpty() ? "a release that was run; none was found yet" : "one of the releases found: "
                + targetsByRelease.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }
}
