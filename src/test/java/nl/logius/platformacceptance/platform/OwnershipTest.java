package nl.logius.platformacceptance.platform;

import nl.logius.platformacceptance.run.CheckCatalog;
import nl.logius.platformacceptance.run.CheckDescriptor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ownership labels are valid on every platform, and tell a leftover from a live run's resource. */
class OwnershipTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void every_label_of_every_check_of_the_harness_is_a_valid_kubernetes_label_value() {
        for (CheckDescriptor check : CheckCatalog.discover().checks()) {
            Ownership owner = Ownership.of("20261204T120000Z-3f9a", check.id(), NOW);
            assertThat(owner.labels().values()).as(check.id())
                    .allMatch(value -> Ownership.LABEL_VALUE.matcher(value).matches());
            assertThat(owner.annotations()).containsEntry(Ownership.CHECK_ID_ANNOTATION, check.id());
        }
    }

    @Test
    void a_long_check_id_keeps_a_readable_prefix_and_a_hash_of_the_whole() {
        String a = "VolumeProvisioningCheck.every_claimed_volume_is_writable_from_a_workload_in_time";
        String b = "VolumeProvisioningCheck.every_claimed_volume_is_writable_from_a_workload_in_time_too";

        assertThat(Ownership.labelValue(a)).hasSize(63).startsWith("VolumeProvisioningCheck.every_claimed_volume_is_")
                .isNotEqualTo(Ownership.labelValue(b));
        assertThat(Ownership.labelValue("InstanceLossCheck.service_survives_the_loss_of_one_instance"))
                .as("a short one is kept as it is").isEqualTo("InstanceLossCheck.service_survives_the_loss_of_one_instance");
        assertThat(Ownership.labelValue("-a/b-")).isEqualTo("a-b");
    }

    @Test
    void the_process_label_reads_back_and_holds_no_slash() {
        RunProcess current = RunProcess.current();
        assertThat(current.labelValue()).doesNotContain("/").matches(Ownership.LABEL_VALUE);
        assertThat(RunProcess.parse(current.labelValue())).contains(current);
        assertThat(current.mayBeAlive()).isTrue();
    }

    @Test
    void a_resource_whose_expiry_passed_is_a_leftover_whoever_made_it() {
        Ownership elsewhere = new Ownership("run-1", "Check.x", new RunProcess("another-host", 1, 1), NOW.minusSeconds(1));
        assertThat(Ownership.isLeftover(elsewhere.labels(), NOW)).isTrue();
    }

    @Test
    void a_live_run_s_resource_is_never_a_leftover_before_its_expiry_even_from_another_host() {
        Ownership live = Ownership.of("run-1", "Check.x", NOW.plus(Duration.ofMinutes(30)));
        Ownership otherHost = new Ownership("run-2", "Check.x", new RunProcess("another-host", 1, 1), NOW.plus(Duration.ofMinutes(30)));
        assertThat(Ownership.isLeftover(live.labels(), NOW)).isFalse();
        assertThat(Ownership.isLeftover(otherHost.labels(), NOW)).isFalse();
    }

    @Test
    void a_resource_of_a_run_whose_process_on_this_host_is_gone_is_a_leftover_before_its_expiry() {
        RunProcess gone = new RunProcess(RunProcess.current().host(), Integer.MAX_VALUE - 7, 1);
        Ownership dead = new Ownership("run-3", "Check.x", gone, NOW.plus(Duration.ofHours(1)));
        assertThat(Ownership.isLeftover(dead.labels(), NOW)).isTrue();
    }

    @Test
    void a_resource_without_the_run_label_is_not_the_harness_s_to_judge() {
        Map<String, String> foreign = new HashMap<>(Map.of(Ownership.EXPIRES_LABEL, "1"));
        assertThat(Ownership.isLeftover(foreign, NOW)).isFalse();
    }
}
