package nl.logius.platformacceptance.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureHistoryTest {

    @TempDir
    Path reports;

    private static String embedded(String name, String json) {
        return "d('history/" + name + "','" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "')";
    }

    @Test
    void keeps_the_history_that_a_single_file_report_embeds() throws Exception {
        Path index = Files.createDirectories(reports.resolve("allure-report")).resolve("index.html");
        Files.writeString(index, "<script>Promise.allSettled([" + embedded("history.json", "{\"a\":1}") + ","
                + "d('data/test-cases/1.json','e30='),"
                + embedded("history-trend.json", "[{\"data\":{\"passed\":1}}]") + "])</script>");

        int kept = AllureHistory.keep(index, new StringBuilder());

        assertThat(kept).isEqualTo(2);
        assertThat(Files.readString(reports.resolve("allure-report/history/history.json"))).isEqualTo("{\"a\":1}");
        assertThat(reports.resolve("allure-report/history/history-trend.json")).exists();
        assertThat(reports.resolve("allure-report/history/1.json")).doesNotExist();
    }

    @Test
    void carries_over_the_history_of_the_newest_earlier_run_of_the_same_target_and_kind() throws Exception {
        Path older = RunDocument.run("r1", "20261001T100000Z-0001").knelpunt("KP-STO-02", "RESOLVED").writeTo(reports);
        Path newer = RunDocument.run("r2", "20261101T100000Z-0002").knelpunt("KP-STO-02", "RESOLVED").writeTo(reports);
        Path calibration = RunDocument.run("r2", "20261102T100000Z-0003").injected("KP-STO-02").knelpunt("KP-STO-02", "FAILING")
                .writeTo(reports);
        Path otherTarget = RunDocument.run("r2", "20261103T100000Z-0004").target("lpc-acc").knelpunt("KP-STO-02", "RESOLVED")
                .writeTo(reports);
        for (Path run : new Path[] {older, newer, calibration, otherTarget}) {
            Files.writeString(Files.createDirectories(run.resolve("allure-report/history")).resolve("history.json"),
                    run.getFileName().toString());
        }
        Path current = Files.createDirectories(reports.resolve("r3/20261201T100000Z-0005"));

        var previous = AllureHistory.carryOver(RunHistory.scan(reports), "local", false, current,
                current.resolve("allure-results"), new StringBuilder());

        assertThat(previous).get().extracting(RunHistory.RunEntry::folder).isEqualTo(newer);
        assertThat(Files.readString(current.resolve("allure-results/history/history.json"))).isEqualTo("20261101T100000Z-0002");
        assertThat(Files.readString(newer.resolve("allure-report/history/history.json")))
                .as("an earlier run folder is only read").isEqualTo("20261101T100000Z-0002");
    }

    @Test
    void a_first_run_has_no_history_to_carry_over() {
        Path current = reports.resolve("r1/20261201T100000Z-0001");

        assertThat(AllureHistory.carryOver(RunHistory.scan(reports), "local", false, current, current.resolve("allure-results"),
                new StringBuilder())).isEmpty();
        assertThat(current.resolve("allure-results/history")).doesNotExist();
    }
}
