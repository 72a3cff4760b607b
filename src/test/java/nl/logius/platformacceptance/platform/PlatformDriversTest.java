package nl.logius.platformacceptance.platform;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.target.PlatformKind;
import nl.logius.platformacceptance.target.Target;
import nl.logius.platformacceptance.target.TargetLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformDriversTest {

    private final Target local = TargetLoader.loadDefaultLocal(RegisterLoader.loadDefault());

    @Test
    void the_local_driver_is_found_through_the_service_loader_with_one_injection_per_knelpunt() {
        PlatformDriver driver = PlatformDrivers.forKind(PlatformKind.LOCAL).orElseThrow();
        assertThat(driver.getClass().getName()).endsWith("platform.local.LocalDriver");
        assertThat(driver.injections()).hasSize(20);
        assertThat(driver.injection("KP-FO-01")).map(PlatformDriver.Injection::name).contains("NO_REPLACEMENT");
    }

    @Test
    void an_unknown_injection_is_bad_input_naming_the_ones_there_are() {
        assertThatThrownBy(() -> PlatformDrivers.injections(local, List.of("KP-XX-99")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("KP-XX-99").hasMessageContaining("KP-FO-01");
        assertThat(PlatformDrivers.injections(local, List.of("KP-FO-01"))).containsExactly("KP-FO-01");
    }
}
