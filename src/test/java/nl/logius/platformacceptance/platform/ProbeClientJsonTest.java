package nl.logius.platformacceptance.platform;

import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.platform.ProbeClient.ProberResults;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeClientJsonTest {

    @Test
    void prober_results_read_with_and_without_sequence_numbers() throws Exception {
        String json = "{\"settledUntilMicros\":1700000000500000,\"results\":["
                + "{\"t\":1700000000000000,\"micros\":1500,\"ok\":true,\"status\":200,\"instance\":\"store-0\",\"version\":\"1\",\"address\":\"10.0.0.2\",\"error\":null,\"seq\":41},"
                + "{\"t\":1700000000050000,\"micros\":1000000,\"ok\":false,\"status\":0,\"instance\":null,\"version\":null,\"address\":null,\"error\":\"no answer\"}]}";

        ProberResults read = Mappers.JSON.readValue(json, ProberResults.class);

        assertThat(read.settledUntilMicros()).isEqualTo(1_700_000_000_500_000L);
        assertThat(read.results()).containsExactly(
                new RequestResult(1_700_000_000_000_000L, 1500, true, 200, "store-0", "1", "10.0.0.2", null, 41L),
                new RequestResult(1_700_000_000_050_000L, 1_000_000, false, 0, null, null, null, "no answer"));
    }
}
