package nl.logius.platformacceptance.verdict;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The words in which every output says a service's readiness (terminal, knelpunten.md, the overview, the
 * steering-group page, {@code readiness}), so that they all say the same.
 */
public final class ReadinessText {

    private ReadinessText() {
    }

    /** {@code MAY MIGRATE}, {@code BLOCKED}, {@code NOT VERIFIED}. */
    public static String label(Readiness state) {
        return state.name().replace('_', ' ');
    }

    /**
     * What decides the state: the blockers, the knelpunten not verified, or the summary and the waivers that count:
     * {@code blocked by KP-FO-02, KP-STO-01}.
     */
    public static String reason(ServiceReadiness service, Function<KnelpuntStanding, String> knelpunt) {
        return switch (service.state()) {
            case BLOCKED -> "blocked by " + join(service.blockers(), knelpunt)
                    + (service.notVerified().isEmpty() ? "" : "; not verified: " + join(service.notVerified(), knelpunt));
            case NOT_VERIFIED -> service.notVerified().isEmpty() ? service.summary()
                    : "not verified: " + join(service.notVerified(), knelpunt);
            case MAY_MIGRATE -> service.summary()
                    + (service.waived().isEmpty() ? "" : "; waived: " + join(service.waived(), knelpunt));
        };
    }

    /** {@code since 2026.10; unchanged against 2026.10 (may migrate there)}. */
    public static String history(ServiceReadiness service) {
        return "since " + service.since() + "; " + service.describeChange();
    }

    /** {@code KP-NET-02 waived by platform owner until 2026-12-31: cross-zone links are upgraded in 2026.12}. */
    public static String waiver(KnelpuntStanding waived) {
        return waived.id() + " waived by " + waived.waiver().approver() + " until " + waived.waiver().expires() + ": "
                + waived.waiver().reason();
    }

    /** {@code KP-FO-02 FAILING}, {@code KP-NET-02 WAIVED (measured FAILING)}. */
    public static String verdict(KnelpuntStanding standing) {
        return standing.id() + " " + standing.verdict() + (standing.verdict() == Verdict.WAIVED
                ? " (measured " + standing.measuredVerdict() + ")" : "");
    }

    /** The first line of a reason, at most {@code max} characters. */
    public static String abbreviate(String text, int max) {
        String line = text == null ? "" : text.lines().findFirst().orElse("");
        return line.length() > max ? line.substring(0, max - 3) + "..." : line;
    }

    private static String join(List<KnelpuntStanding> standings, Function<KnelpuntStanding, String> knelpunt) {
        return standings.stream().map(knelpunt).collect(Collectors.joining(", "));
    }
}
