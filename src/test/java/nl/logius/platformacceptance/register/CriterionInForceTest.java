package nl.logius.platformacceptance.register;

import nl.logius.platformacceptance.target.Target;
import nl.logius.platformacceptance.target.TargetLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A criterion reads with the numbers in force for the target, never the register's defaults over an override. */
class CriterionInForceTest {

    private static final Register REGISTER = RegisterLoader.load(Path.of("suites/knelpunten.yaml"));

    @Test
    void every_criterion_of_the_register_renders_without_a_placeholder_left() {
        for (Knelpunt knelpunt : REGISTER.knelpunten()) {
            assertThat(knelpunt.criterionInForce()).as(knelpunt.id()).doesNotContain("{").doesNotContain("}");
        }
        assertThat(REGISTER.get("KP-FO-01").criterionInForce()).isEqualTo("3 instances, one deleted, 20 req/s: availability"
                + " >= 99 % over the 15 s from the deletion, longest outage <= 2 s, 3 healthy instances again within 60 s");
    }

    @Test
    void an_overridden_threshold_reads_with_its_value_and_the_register_s_default() {
        Target lpc = TargetLoader.load(Path.of("suites/targets/lpc-example.yaml"), REGISTER);
        Knelpunt storage = REGISTER.withOverrides(lpc.thresholdOverrides()).get("KP-STO-04");

        assertThat(storage.criterionInForce()).contains(">= 100 MiB/s (register default: 50 MiB/s)").doesNotContain(">= 50 MiB/s;");
        assertThat(storage.threshold("sequential-write-throughput").orElseThrow().value()).isEqualTo(100);
        assertThat(storage.registerDefault("sequential-write-throughput")).contains(50d);
        assertThat(storage.registerDefault("fsync-write-latency-p99")).isEmpty();
    }

    @Test
    void an_override_to_the_register_s_own_value_is_no_override() {
        Knelpunt storage = REGISTER.withOverrides(Map.of("KP-STO-04", Map.of("sequential-write-throughput", 50d))).get("KP-STO-04");
        assertThat(storage.criterionInForce()).doesNotContain("register default");
    }
}
