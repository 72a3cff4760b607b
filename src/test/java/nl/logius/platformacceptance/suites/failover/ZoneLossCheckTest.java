package nl.logius.platformacceptance.suites.failover;

import nl.logius.platformacceptance.measure.RequestResults;
import nl.logius.platformacceptance.platform.Zone;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static nl.logius.platformacceptance.measure.RequestResults.at;
import static org.assertj.core.api.Assertions.assertThat;

class ZoneLossCheckTest {

    private static final Zone A = new Zone("zone-a");
    private static final Zone B = new Zone("zone-b");

    @Test
    void the_zone_cut_off_is_the_one_holding_most_instances() {
        assertThat(ZoneLossCheck.zoneToCut(Map.of(A, List.of("web-0", "web-1", "web-2"), B, List.of("web-3")), List.of(A, B)))
                .isEqualTo(A);
        assertThat(ZoneLossCheck.zoneToCut(Map.of(A, List.of("web-0", "web-1", "web-2", "web-3")), List.of(A, B)))
                .isEqualTo(A);
    }

    @Test
    void on_a_tie_the_later_zone_is_cut_off_so_the_first_one_stays() {
        assertThat(ZoneLossCheck.zoneToCut(Map.of(A, List.of("web-0", "web-2"), B, List.of("web-1", "web-3")), List.of(A, B)))
                .isEqualTo(B);
    }

    @Test
    void each_instance_serving_is_known_by_its_first_successful_answer_after_the_moment() {
        Instant start = Instant.parse("2026-01-05T10:00:00Z");
        // Instances answer round robin: web-0, web-1, web-2, web-0, ... (failures name nobody).
        var results = RequestResults.of(start, "++-++++");

        assertThat(ZoneLossCheck.servingSince(results, at(start, 1)))
                .containsExactly(Map.entry("web-0", at(start, 3)), Map.entry("web-1", at(start, 1)), Map.entry("web-2", at(start, 5)));
    }
}
