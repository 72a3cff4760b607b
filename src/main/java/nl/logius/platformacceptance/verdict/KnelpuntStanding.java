package nl.logius.platformacceptance.verdict;

import nl.logius.platformacceptance.register.Impact;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict.WaiverView;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Where a knelpunt stands on a release of a target, as readiness reads it: its verdict in the newest run of the
 * release that checked it (else the newest run's NOT_COVERED), with the services it blocks and where its
 * evidence is.
 *
 * @param blocks   the services it blocks, as that run's register said
 * @param waiver   the waiver the run applied, or null
 * @param runId     the run the verdict comes from
 * @param runFolder that run's folder, relative to the output root: {@code 2026.11/20261101T100000Z-3f9a}
 * @param evidence  its section in that run's knelpunten.md, relative to the output root:
 *                  {@code 2026.11/20261101T100000Z-3f9a/knelpunten.md#kp-sto-02}
 */
public record KnelpuntStanding(String id, String title, Impact impact, List<String> blocks, Verdict verdict,
                               Verdict measuredVerdict, String reason, WaiverView waiver, String runId, String runFolder,
                               String evidence) {

    public KnelpuntStanding {
        blocks = List.copyOf(blocks);
    }

    /** Whether a waiver counts for it on {@code day}: the run waived it, and the waiver has not expired since. */
    public boolean validlyWaivedOn(LocalDate day) {
        if (verdict != Verdict.WAIVED || waiver == null) {
            return false;
        }
        try {
            return !LocalDate.parse(waiver.expires()).isBefore(day);
        } catch (DateTimeParseException e) {
            return false; // a date no one can read is no waiver
        }
    }

    /**
     * As it stands on {@code day}: a waiver that expired after the run no longer counts, and the measured verdict
     * is back, saying so.
     */
    KnelpuntStanding asOf(LocalDate day) {
        if (verdict != Verdict.WAIVED || validlyWaivedOn(day)) {
            return this;
        }
        String expiry = waiver == null ? "its waiver is not recorded" : "its waiver (approved by " + waiver.approver()
                + ") expired on " + waiver.expires() + " and no longer counts";
        WaiverView expired = waiver == null ? null
                : new WaiverView(waiver.reason(), waiver.approver(), waiver.expires(), waiver.release(), true);
        return new KnelpuntStanding(id, title, impact, blocks, measuredVerdict, measuredVerdict,
                expiry + "; " + reason, expired, runId, runFolder, evidence);
    }
}
