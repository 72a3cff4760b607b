package nl.logius.platformacceptance.waiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaiversLoaderTest {

    private static final Register REGISTER = RegisterLoader.load(Path.of("suites/knelpunten.yaml"));

    @TempDir
    Path folder;

    @Test
    void the_committed_example_loads_and_waives_nothing() {
        Waivers waivers = WaiversLoader.load(WaiversLoader.DEFAULT_FILE, REGISTER);

        assertThat(waivers.waivers()).isEmpty();
        assertThat(waivers.source()).isEqualTo(WaiversLoader.DEFAULT_FILE);
    }

    @Test
    void a_waiver_for_the_release_goes_before_one_for_every_release() throws Exception {
        Path file = folder.resolve("waivers.yaml");
        Files.writeString(file, """
                waivers:
                  - knelpunt: KP-NET-02
                    reason: cross-zone links are upgraded in 2026.12
                    approver: platform owner
                    expires: 2026-12-31
                  - knelpunt: KP-NET-02
                    reason: accepted for this release only
                    approver: security officer
                    expires: 2026-11-30
                    release: "2026.11"
                """);

        Waivers waivers = WaiversLoader.load(file, REGISTER);

        assertThat(waivers.find("KP-NET-02", "2026.11")).get().extracting(Waiver::approver).isEqualTo("security officer");
        assertThat(waivers.find("KP-NET-02", "2026.12")).get().extracting(Waiver::approver).isEqualTo("platform owner");
        assertThat(waivers.find("KP-NET-01", "2026.11")).isEmpty();
        Waiver general = waivers.find("KP-NET-02", "2026.12").orElseThrow();
        assertThat(general.where()).isEqualTo(file + ":2:5");
        assertThat(general.expiredOn(LocalDate.parse("2026-12-31"))).as("the expiry day still counts").isFalse();
        assertThat(general.expiredOn(LocalDate.parse("2027-01-01"))).isTrue();
        assertThat(waivers.expiredOn(LocalDate.parse("2026-12-15"))).extracting(Waiver::release).containsExactly("2026.11");
    }

    @Test
    void no_default_file_means_no_waivers() {
        assertThat(WaiversLoader.loadIfPresent(folder.resolve("absent.yaml"), REGISTER)).isEqualTo(Waivers.none());
    }
}
