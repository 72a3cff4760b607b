package nl.logius.platformacceptance.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.logius.platformacceptance.cli.PlatformAcceptance;
import nl.logius.platformacceptance.runfolder.RunFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} and {@code report} through the command line, with their exit codes. */
class TrackingCommandsTest {

    @TempDir
    Path reports;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void compare_exits_1_on_a_regression_and_0_the_other_way_round() {
        Path healthy = RunDocument.run("2026.11", "20261101T100000Z-0001").knelpunt("KP-STO-02", "RESOLVED").writeTo(reports);
        Path injected = RunDocument.run("2026.11", "20261101T110000Z-0002").injected("KP-STO-02").knelpunt("KP-STO-02", "FAILING")
                .writeTo(reports);

        assertThat(PlatformAcceptance.execute("compare", healthy.toString(), injected.toString())).isEqualTo(1);
        assertThat(output()).contains("KP-STO-02  RESOLVED → FAILING");
        assertThat(PlatformAcceptance.execute("compare", injected.toString(), healthy.toString())).isZero();
        assertThat(output()).contains("NEWLY RESOLVED (1)");
    }

    @Test
    void compare_refuses_what_is_not_a_finished_run_folder_with_exit_2() throws Exception {
        Path healthy = RunDocument.run("2026.11", "20261101T100000Z-0001").knelpunt("KP-STO-02", "RESOLVED").writeTo(reports);
        Path killed = Files.createDirectories(reports.resolve("2026.11/20261101T120000Z-0003"));
        Files.writeString(killed.resolve(RunFolder.INCOMPLETE_MARKER), "started");

        assertThat(PlatformAcceptance.execute("compare", healthy.toString(), reports.toString())).isEqualTo(2);
        assertThat(PlatformAcceptance.execute("compare", healthy.toString(), killed.toString())).isEqualTo(2);
        assertThat(PlatformAcceptance.execute("compare", healthy.toString(), reports.resolve("absent").toString())).isEqualTo(2);
        assertThat(PlatformAcceptance.execute("compare", healthy.toString())).isEqualTo(2);
        assertThat(PlatformAcceptance.execute("compare", "--margin", "-5", healthy.toString(), healthy.toString())).isEqualTo(2);
    }

    @Test
    void report_writes_the_overview_of_the_output_root() {
        RunDocument.run("2026.11", "20261101T100000Z-0001").knelpunt("KP-STO-02", "RESOLVED").writeTo(reports);

        assertThat(PlatformAcceptance.execute("report", "--out", reports.toString())).isZero();

        assertThat(reports.resolve(OverviewReport.HTML)).exists();
        assertThat(reports.resolve(OverviewReport.MARKDOWN)).exists();
        assertThat(output()).contains("Overview of 1 run folder(s)");
        assertThat(PlatformAcceptance.execute("report", "--out", reports.resolve("absent").toString())).isEqualTo(2);
    }
}
