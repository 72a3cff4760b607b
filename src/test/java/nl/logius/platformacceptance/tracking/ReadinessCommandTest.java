package nl.logius.platformacceptance.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.logius.platformacceptance.cli.CommandLineRun;
import nl.logius.platformacceptance.cli.CommandLineRun.Result;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code readiness} through the command line, as a pipeline calls it, on run folders written as runs write them: exit
 * 0 may migrate, 1 blocked, 3 not verified, 2 bad input.
 */
class ReadinessCommandTest {

    private static final Register REGISTER = RegisterLoader.load(Path.of("suites/knelpunten.yaml"));

    @TempDir
    Path reports;

    @Test
    void on_the_reference_platform_may_migrate_says_what_it_is_evidence_of() {
        RunDocument.run("2026.11", "20261101T100000Z-0001").everyKnelpunt(REGISTER, "RESOLVED").onTheReferencePlatform()
                .writeTo(reports);

        Result outcome = readiness("--service", "DigiD", "--release", "2026.11");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("  Scope: reference platform: proves the checks, not an LPC release; this says DigiD "
                + "would be unblocked on a platform behaving as this one, not that it may migrate on the LPC");
    }

    @Test
    void after_a_full_healthy_run_of_a_release_digid_may_migrate_exit_0() {
        fullRun("2026.11", "20261101T100000Z-0001", "RESOLVED");

        Result outcome = readiness("--service", "DigiD", "--release", "2026.11");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).startsWith("DigiD on release 2026.11 on target local: MAY MIGRATE (all 12 of its knelpunten RESOLVED)")
                .contains("Exit 0: DigiD may migrate on release 2026.11 on target local.");
    }

    @Test
    void after_a_run_of_another_release_that_selected_only_networking_it_is_not_verified_exit_3_naming_the_knelpunten() {
        fullRun("2026.11", "20261101T100000Z-0001", "RESOLVED");
        RunDocument networkingOnly = RunDocument.run("2026.12", "20261201T100000Z-0002");
        for (Knelpunt knelpunt : REGISTER.knelpunten()) {
            networkingOnly.knelpunt(knelpunt.id(), knelpunt.area().equals("networking") ? "RESOLVED" : "NOT_COVERED")
                    .blocks(knelpunt.blocks().toArray(String[]::new));
        }
        networkingOnly.writeTo(reports);

        Result outcome = readiness("--service", "DigiD", "--release", "2026.12");

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(3);
        assertThat(outcome.out()).startsWith("DigiD on release 2026.12 on target local: NOT VERIFIED (8 of its 12 knelpunten not verified")
                .contains("Not verified (8):", "KP-DEP-01 NOT_COVERED", "KP-FO-02 NOT_COVERED", "KP-DEP-04 NOT_COVERED")
                .contains("no longer verified against 2026.11 (may migrate there)")
                .doesNotContain("KP-NET-01 NOT_COVERED", "KP-STO-01");
        assertThat(readiness("--service", "DigiD", "--release", "2026.11").exitCode()).as("the older release still may").isZero();
    }

    @Test
    void a_failing_knelpunt_blocks_exit_1_naming_it_with_its_evidence() {
        fullRun("2026.11", "20261101T100000Z-0001", "RESOLVED");
        RunDocument.run("2026.11", "20261101T120000Z-0002").knelpunt("KP-FO-02", "FAILING").blocks("DigiD", "FBS").writeTo(reports);

        Result outcome = readiness("--service", "DigiD", "--release", "2026.11");

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(1);
        assertThat(outcome.out()).startsWith("DigiD on release 2026.11 on target local: BLOCKED (1 of its 12 knelpunten FAILING)")
                .contains("Blocked by (1):", "KP-FO-02 FAILING", "reason of KP-FO-02 FAILING")
                .contains("evidence: " + reports.resolve("2026.11/20261101T120000Z-0002/knelpunten.md#kp-fo-02"));
        assertThat(readiness("--service", "MijnOverheid", "--release", "2026.11").exitCode())
                .as("KP-FO-02 blocked only DigiD and FBS in that run").isZero();
    }

    @Test
    void waived_counts_only_with_a_waiver_that_still_counts_and_the_waiver_is_named() {
        fullRun("2026.11", "20261101T100000Z-0001", "RESOLVED");
        RunDocument.run("2026.11", "20261101T120000Z-0002").knelpunt("KP-NET-02", "WAIVED", "FAILING").blocks("DigiD")
                .waiver("2999-12-31", false).writeTo(reports);
        RunDocument.run("2026.12", "20261201T100000Z-0003").knelpunt("KP-NET-02", "WAIVED", "FAILING").blocks("DigiD")
                .waiver("2020-01-31", false).writeTo(reports);

        Result valid = readiness("--service", "DigiD", "--release", "2026.11");
        Result expired = readiness("--service", "DigiD", "--release", "2026.12");

        assertThat(valid.exitCode()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("KP-NET-02 waived by platform owner until 2999-12-31: accepted for now");
        assertThat(expired.exitCode()).as(expired.err()).isEqualTo(1);
        assertThat(expired.out()).contains("KP-NET-02 FAILING", "expired on 2020-01-31 and no longer counts");
    }

    @Test
    void bad_input_exits_2_listing_the_known_services_or_the_releases_found() {
        fullRun("2026.11", "20261101T100000Z-0001", "RESOLVED");

        Result nope = readiness("--service", "Nope", "--release", "2026.11");
        assertThat(nope.exitCode()).isEqualTo(2);
        assertThat(nope.err()).startsWith("--service Nope: unknown service; expected one of the services the register names: "
                + "DigiD, MijnOverheid, Digipoort, FBS");

        assertThat(readiness("--service", "digid", "--release", "2026.11").err()).contains("(did you mean DigiD?)");

        Result unknownRelease = readiness("--service", "DigiD", "--release", "2099.01");
        assertThat(unknownRelease.exitCode()).isEqualTo(2);
        assertThat(unknownRelease.err()).startsWith("--release 2099.01: no finished release run of 2099.01 under " + reports)
                .contains("expected one of the releases found: 2026.11 (local)");

        assertThat(readiness("--service", "DigiD", "--release", "../2026.11").exitCode()).isEqualTo(2);
        assertThat(CommandLineRun.execute(List.of("readiness", "--service", "DigiD", "--release", "2026.11", "--reports",
                reports.resolve("absent").toString())).exitCode()).isEqualTo(2);
        assertThat(CommandLineRun.execute(List.of("readiness", "--release", "2026.11")).exitCode()).as("--service is required").isEqualTo(2);
    }

    @Test
    void a_release_run_on_two_targets_needs_the_target_named_by_its_name_or_its_profile() {
        fullRun("2026.11", "20261101T100000Z-0001", "RESOLVED");
        RunDocument.run("2026.11", "20261101T120000Z-0002").target("lpc-acc").knelpunt("KP-FO-02", "FAILING").writeTo(reports);

        Result ambiguous = readiness("--service", "DigiD", "--release", "2026.11");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).startsWith("--release 2026.11: run on 2 targets (")
                .contains("expected --target with one of");

        assertThat(readiness("--service", "DigiD", "--release", "2026.11", "--target", "local").exitCode()).isZero();
        assertThat(readiness("--service", "DigiD", "--release", "2026.11", "--target", "suites/targets/local.yaml").exitCode())
                .as("the profile names the target").isZero();
        Result lpc = readiness("--service", "DigiD", "--release", "2026.11", "--target", "lpc-acc");
        assertThat(lpc.exitCode()).as("blocked on lpc-acc, whatever the local runs say").isEqualTo(1);
        assertThat(lpc.out()).startsWith("DigiD on release 2026.11 on target lpc-acc: BLOCKED").doesNotContain("Scope:");
        Result other = readiness("--service", "DigiD", "--release", "2026.11", "--target", "lpc-prod");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).startsWith("--target lpc-prod: release 2026.11 has no finished run on target lpc-prod; expected one of "
                + "the targets it was run on: ");
    }

    /** One run of a release in which every knelpunt of the register has the given verdict, with the services it blocks. */
    private void fullRun(String release, String runId, String verdict) {
        RunDocument.run(release, runId).everyKnelpunt(REGISTER, verdict).writeTo(reports);
    }

    private Result readiness(String... arguments) {
        List<String> command = new ArrayList<>(List.of("readiness"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--reports", reports.toString()));
        return CommandLineRun.execute(command);
    }
}
