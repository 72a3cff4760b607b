package nl.logius.platformacceptance.verdict;

import nl.logius.platformacceptance.register.Impact;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict.WaiverView;
import nl.logius.platformacceptance.verdict.ReadinessCalculator.ReleaseStandings;
import nl.logius.platformacceptance.verdict.ServiceReadiness.Change;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessCalculatorTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-29");
    private static final List<String> SERVICES = List.of("DigiD", "FBS");

    @Test
    void a_service_may_migrate_when_every_knelpunt_that_blocks_it_is_resolved() {
        ServiceReadiness digid = judge(release("2026.11", resolved("KP-NET-01", "DigiD", "FBS"), resolved("KP-FO-01", "DigiD")), "DigiD");

        assertThat(digid.state()).isEqualTo(Readiness.MAY_MIGRATE);
        assertThat(digid.state().exitCode()).isZero();
        assertThat(digid.knelpunten()).containsExactly("KP-NET-01", "KP-FO-01");
        assertThat(digid.summary()).isEqualTo("all 2 of its knelpunten RESOLVED");
        assertThat(digid.blockers()).isEmpty();
        assertThat(digid.notVerified()).isEmpty();
    }

    @Test
    void one_failing_knelpunt_blocks_the_service_and_is_named_worst_impact_first_with_its_evidence() {
        ReleaseStandings release = release("2026.11", resolved("KP-NET-01", "DigiD"),
                standing("KP-NET-02", Verdict.FAILING, Impact.MAJOR, "DigiD"), standing("KP-FO-02", Verdict.FAILING, Impact.BLOCKER, "DigiD"),
                standing("KP-FO-03", Verdict.INCONCLUSIVE, Impact.CRITICAL, "DigiD"));

        ServiceReadiness digid = judge(release, "DigiD");

        assertThat(digid.state()).isEqualTo(Readiness.BLOCKED);
        assertThat(digid.state().exitCode()).isEqualTo(1);
        assertThat(digid.blockers()).extracting(KnelpuntStanding::id).containsExactly("KP-FO-02", "KP-NET-02");
        assertThat(digid.blockers().get(0).evidence()).isEqualTo("2026.11/run-1/knelpunten.md#kp-fo-02");
        assertThat(digid.notVerified()).extracting(KnelpuntStanding::id).containsExactly("KP-FO-03");
        assertThat(digid.summary()).isEqualTo("2 of its 4 knelpunten FAILING, 1 not verified");
    }

    @Test
    void none_failing_but_one_inconclusive_or_not_covered_leaves_the_service_not_verified() {
        ReleaseStandings release = release("2026.11", resolved("KP-NET-01", "DigiD", "FBS"),
                standing("KP-STO-01", Verdict.NOT_COVERED, Impact.CRITICAL, "FBS"),
                standing("KP-FO-01", Verdict.INCONCLUSIVE, Impact.BLOCKER, "FBS"));

        ServiceReadiness fbs = judge(release, "FBS");

        assertThat(fbs.state()).isEqualTo(Readiness.NOT_VERIFIED);
        assertThat(fbs.state().exitCode()).isEqualTo(3);
        assertThat(fbs.notVerified()).extracting(KnelpuntStanding::id).containsExactly("KP-FO-01", "KP-STO-01");
        assertThat(fbs.summary()).isEqualTo("2 of its 3 knelpunten not verified (INCONCLUSIVE or NOT_COVERED), none FAILING");
        assertThat(judge(release, "DigiD").state()).as("a knelpunt of another service does not count").isEqualTo(Readiness.MAY_MIGRATE);
    }

    @Test
    void a_service_no_knelpunt_of_the_release_names_is_not_verified_never_free_to_migrate() {
        ServiceReadiness fbs = judge(release("2026.11", resolved("KP-NET-01", "DigiD")), "FBS");

        assertThat(fbs.state()).isEqualTo(Readiness.NOT_VERIFIED);
        assertThat(fbs.summary()).startsWith("no knelpunt in the runs of this release names it");
    }

    @Test
    void a_waiver_that_still_counts_lets_the_service_migrate_and_is_named() {
        KnelpuntStanding waived = waived("KP-NET-02", Verdict.FAILING, "2026-12-31", "DigiD");

        ServiceReadiness digid = judge(release("2026.11", resolved("KP-NET-01", "DigiD"), waived), "DigiD");

        assertThat(digid.state()).isEqualTo(Readiness.MAY_MIGRATE);
        assertThat(digid.waived()).extracting(KnelpuntStanding::id).containsExactly("KP-NET-02");
        assertThat(digid.summary()).isEqualTo("all 2 of its knelpunten RESOLVED or waived (1 waived)");
        assertThat(ReadinessText.waiver(digid.waived().get(0)))
                .isEqualTo("KP-NET-02 waived by platform owner until 2026-12-31: links upgraded in 2026.12");
    }

    @Test
    void a_waiver_that_expired_since_the_run_no_longer_counts_and_the_measured_verdict_decides() {
        KnelpuntStanding failing = waived("KP-NET-02", Verdict.FAILING, "2026-11-28", "DigiD");
        KnelpuntStanding inconclusive = waived("KP-FO-03", Verdict.INCONCLUSIVE, "2026-11-28", "FBS");

        ReleaseReadiness readiness = ReadinessCalculator.compute("local", List.of(release("2026.11", failing, inconclusive)),
                SERVICES, TODAY).get(0);

        ServiceReadiness digid = readiness.service("DigiD").orElseThrow();
        assertThat(digid.state()).isEqualTo(Readiness.BLOCKED);
        assertThat(digid.waived()).isEmpty();
        assertThat(digid.blockers().get(0).verdict()).isEqualTo(Verdict.FAILING);
        assertThat(digid.blockers().get(0).reason()).startsWith("its waiver (approved by platform owner) expired on 2026-11-28 "
                + "and no longer counts; ");
        assertThat(readiness.service("FBS").orElseThrow().state()).isEqualTo(Readiness.NOT_VERIFIED);
        assertThat(judge(release("2026.11", waived("KP-NET-02", Verdict.FAILING, "2026-11-29", "DigiD")), "DigiD").state())
                .as("a waiver counts through its last day").isEqualTo(Readiness.MAY_MIGRATE);
    }

    @Test
    void since_names_the_first_release_of_the_unbroken_series_and_changes_are_against_the_release_before() {
        List<ReleaseReadiness> releases = ReadinessCalculator.compute("local", List.of(
                release("2026.08", standing("KP-FO-02", Verdict.FAILING, Impact.BLOCKER, "DigiD")),
                release("2026.09", resolved("KP-FO-02", "DigiD")),
                release("2026.10", resolved("KP-FO-02", "DigiD")),
                release("2026.11", standing("KP-FO-02", Verdict.FAILING, Impact.BLOCKER, "DigiD")),
                release("2026.12", standing("KP-FO-02", Verdict.NOT_COVERED, Impact.BLOCKER, "DigiD"))), SERVICES, TODAY);

        List<ServiceReadiness> digid = new ArrayList<>();
        releases.forEach(r -> digid.add(r.service("DigiD").orElseThrow()));

        assertThat(digid).extracting(ServiceReadiness::state).containsExactly(Readiness.BLOCKED, Readiness.MAY_MIGRATE,
                Readiness.MAY_MIGRATE, Readiness.BLOCKED, Readiness.NOT_VERIFIED);
        assertThat(digid).extracting(ServiceReadiness::since).containsExactly("2026.08", "2026.09", "2026.09", "2026.11", "2026.12");
        assertThat(digid).extracting(ServiceReadiness::change).containsExactly(Change.FIRST_RELEASE, Change.NEWLY_UNBLOCKED,
                Change.UNCHANGED, Change.NEWLY_BLOCKED, Change.NO_LONGER_BLOCKED);
        assertThat(digid.get(1).noLongerBlocking()).containsExactly("KP-FO-02");
        assertThat(digid.get(3).newlyBlocking()).containsExactly("KP-FO-02");
        assertThat(digid.get(3).previousRelease()).isEqualTo("2026.10");
        assertThat(digid.get(3).describeChange()).isEqualTo("newly blocked against 2026.10 (may migrate there)");
        assertThat(releases.get(0).previousRelease()).isNull();
        assertThat(digid.get(0).describeChange()).isEqualTo("first release tested on this target");
    }

    @Test
    void a_service_that_may_migrate_and_then_is_not_measured_is_no_longer_verified() {
        List<ReleaseReadiness> releases = ReadinessCalculator.compute("local", List.of(
                release("2026.10", resolved("KP-FO-02", "DigiD")),
                release("2026.11", standing("KP-FO-02", Verdict.INCONCLUSIVE, Impact.BLOCKER, "DigiD"))), SERVICES, TODAY);

        assertThat(releases.get(1).service("DigiD").orElseThrow().change()).isEqualTo(Change.NO_LONGER_VERIFIED);
    }

    private static ServiceReadiness judge(ReleaseStandings release, String service) {
        return ReadinessCalculator.compute("local", List.of(release), SERVICES, TODAY).get(0).service(service).orElseThrow();
    }

    private static ReleaseStandings release(String release, KnelpuntStanding... knelpunten) {
        List<KnelpuntStanding> standings = new ArrayList<>();
        for (KnelpuntStanding k : knelpunten) {
            standings.add(new KnelpuntStanding(k.id(), k.title(), k.impact(), k.blocks(), k.verdict(), k.measuredVerdict(), k.reason(),
                    k.waiver(), "run-1", release + "/run-1", release + "/run-1/knelpunten.md#" + k.id().toLowerCase()));
        }
        return new ReleaseStandings(release, List.of("run-1"), standings);
    }

    private static KnelpuntStanding resolved(String id, String... services) {
        return standing(id, Verdict.RESOLVED, Impact.BLOCKER, services);
    }

    private static KnelpuntStanding standing(String id, Verdict verdict, Impact impact, String... services) {
        return new KnelpuntStanding(id, "title of " + id, impact, List.of(services), verdict, verdict, "reason of " + id,
                null, "run-1", "r/run-1", "");
    }

    private static KnelpuntStanding waived(String id, Verdict measured, String expires, String... services) {
        return new KnelpuntStanding(id, "title of " + id, Impact.MAJOR, List.of(services), Verdict.WAIVED, measured,
                "waived until " + expires, new WaiverView("links upgraded in 2026.12", "platform owner", expires, null, false),
                "run-1", "r/run-1", "");
    }
}
