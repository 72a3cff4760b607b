package nl.logius.platformacceptance.verdict;

import java.util.List;

/**
 * Whether one service may migrate on one release of one target, why, since when, and what changed against the
 * previous release of the same target.
 *
 * @param summary          one sentence: {@code 1 of its 12 knelpunten FAILING}
 * @param knelpunten       the ids of the knelpunten that block it on this release
 * @param blockers         those FAILING with no waiver that still counts: each with its reason and evidence
 * @param notVerified      those INCONCLUSIVE or NOT_COVERED, with the reason
 * @param waived           those WAIVED by a waiver that still counts, naming it
 * @param since            the first release of the unbroken series of releases with this state, up to this one
 * @param previousRelease  the release of the same target tested before this one, or null
 * @param previousState    the service's state on it, or null
 * @param newlyBlocking    blockers that did not block it on the previous release
 * @param noLongerBlocking knelpunten that blocked it on the previous release and do not now
 */
public record ServiceReadiness(String service, Readiness state, String summary, List<String> knelpunten,
                               List<KnelpuntStanding> blockers, List<KnelpuntStanding> notVerified,
                               List<KnelpuntStanding> waived, String since, String previousRelease,
                               Readiness previousState, Change change, List<String> newlyBlocking,
                               List<String> noLongerBlocking) {

    public ServiceReadiness {
        knelpunten = List.copyOf(knelpunten);
        blockers = List.copyOf(blockers);
        notVerified = List.copyOf(notVerified);
        waived = List.copyOf(waived);
        newlyBlocking = List.copyOf(newlyBlocking);
        noLongerBlocking = List.copyOf(noLongerBlocking);
    }

    /** What changed against the previous release of the same target. */
    public enum Change {
        FIRST_RELEASE("first release tested on this target"),
        UNCHANGED("unchanged"),
        NEWLY_UNBLOCKED("newly unblocked: may migrate now"),
        NEWLY_BLOCKED("newly blocked"),
        NO_LONGER_VERIFIED("no longer verified"),
        NO_LONGER_BLOCKED("no longer blocked, but not verified");

        private final String words;

        Change(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        static Change between(Readiness previous, Readiness now) {
            if (previous == null) {
                return FIRST_RELEASE;
            }
            if (previous == now) {
                return UNCHANGED;
            }
            return switch (now) {
                case MAY_MIGRATE -> NEWLY_UNBLOCKED;
                case BLOCKED -> NEWLY_BLOCKED;
                case NOT_VERIFIED -> previous == Readiness.BLOCKED ? NO_LONGER_BLOCKED : NO_LONGER_VERIFIED;
            };
        }
    }

    /** {@code unchanged against 2026.10 (may migrate)}, or that this is the first release on the target. */
    public String describeChange() {
        return previousRelease == null ? change.words()
                : change.words() + " against " + previousRelease + " (" + previousState.words() + " there)";
    }
}
