package nl.logius.platformacceptance.waiver;

import java.time.LocalDate;

/**
 * Permission, given by an approver for a reason and until a date, for a knelpunt to stay FAILING or
 * INCONCLUSIVE without failing a run. The knelpunt is still checked and its measured verdict still shown.
 *
 * @param knelpunt the knelpunt's id
 * @param expires  the last day (UTC) on which the waiver counts; from the next day on it is expired
 * @param release  the only release it counts for, or null for every release
 * @param where    {@code file:line:column} of the waiver, for messages
 */
public record Waiver(String knelpunt, String reason, String approver, LocalDate expires, String release, String where) {

    /** Whether the waiver no longer counts on {@code day} (UTC). */
    public boolean expiredOn(LocalDate day) {
        return day.isAfter(expires);
    }

    /** Whether the waiver is meant for runs of {@code runRelease}. */
    public boolean appliesTo(String runRelease) {
        return release == null || release.equals(runRelease);
    }
}
