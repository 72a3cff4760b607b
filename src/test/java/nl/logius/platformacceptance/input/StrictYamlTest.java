package nl.logius.platformacceptance.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading rules every YAML input shares; the loaders' own rules are covered by the bad-input corpus. */
class StrictYamlTest {

    private static final Path SOURCE = Path.of("waivers.yaml");

    record WaiverYaml(@Required Located<String> knelpunt, @Required Located<LocalDate> expiry,
                      Located<Integer> days, Located<List<Located<String>>> releases,
                      @JsonSetter(nulls = Nulls.SKIP) Located<String> note) {
    }

    record UnlocatedYaml(String name) {
    }

    @Test
    void values_carry_their_file_line_and_column() {
        WaiverYaml waiver = StrictYaml.parse("""
                knelpunt: KP-NET-01
                expiry: 2026-12-31
                releases:
                  - r1
                  - r2
                """, SOURCE, WaiverYaml.class);

        assertThat(waiver.knelpunt()).isEqualTo(new Located<>("KP-NET-01", SOURCE, 1, 11));
        assertThat(waiver.expiry().value()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(waiver.releases().value().get(1)).isEqualTo(new Located<>("r2", SOURCE, 5, 5));
        assertThat(waiver.days()).as("absent").isNull();
        assertThat(waiver.releases().problem("x").getMessage()).isEqualTo("waivers.yaml:4:3: x");
    }

    @Test
    void a_field_that_skips_nulls_reads_null_as_absent() {
        WaiverYaml waiver = StrictYaml.parse("knelpunt: KP-NET-01\nexpiry: 2026-12-31\nnote: null\n", SOURCE,
                WaiverYaml.class);

        assertThat(waiver.note()).isNull();
    }

    @Test
    void a_fraction_is_not_read_as_a_whole_number() {
        assertThatThrownBy(() -> StrictYaml.parse("knelpunt: KP-NET-01\nexpiry: 2026-12-31\ndays: 2.5\n", SOURCE,
                WaiverYaml.class))
                .hasMessage("waivers.yaml:3:7: field 'days' in waiver is the number 2.5; expected a whole number");
    }

    @Test
    void a_malformed_date_is_refused_at_its_position() {
        assertThatThrownBy(() -> StrictYaml.parse("knelpunt: KP-NET-01\nexpiry: 31-12-2026\n", SOURCE,
                WaiverYaml.class))
                .hasMessageStartingWith("waivers.yaml:2:9: field 'expiry' in waiver is text '31-12-2026'; expected a date");
    }

    @Test
    void an_explicit_null_is_refused_at_the_null() {
        assertThatThrownBy(() -> StrictYaml.parse("knelpunt: KP-NET-01\nexpiry: 2026-12-31\ndays: ~\n", SOURCE,
                WaiverYaml.class))
                .hasMessage("waivers.yaml:3:7: field 'days' in waiver is null; expected a whole number, "
                        + "or leave the field out");
    }

    @Test
    void a_file_that_does_not_exist_is_bad_input(@TempDir Path folder) {
        Path missing = folder.resolve("missing.yaml");

        assertThatThrownBy(() -> StrictYaml.read(missing, WaiverYaml.class))
                .isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": cannot read: no such file; expected a readable YAML file");
    }

    @Test
    void a_folder_or_a_binary_file_is_bad_input(@TempDir Path folder) throws Exception {
        Path binary = Files.write(folder.resolve("binary.yaml"), new byte[] {(byte) 0xC3, (byte) 0x28});

        assertThatThrownBy(() -> StrictYaml.read(folder, WaiverYaml.class))
                .isInstanceOf(BadInputException.class)
                .hasMessage(folder + ": cannot read: a folder; expected a readable YAML file");
        assertThatThrownBy(() -> StrictYaml.read(binary, WaiverYaml.class))
                .hasMessage(binary + ": cannot read: not UTF-8 text; expected a readable YAML file");
    }

    @Test
    void a_missing_resource_is_bad_input() {
        assertThatThrownBy(() -> StrictYaml.readResource("suites/nothing.yaml", WaiverYaml.class))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("classpath:suites/nothing.yaml: cannot read: not in the jar");
    }

    @Test
    void the_embedded_suites_are_resources() {
        assertThat(StrictYaml.class.getClassLoader().getResource("suites/knelpunten.yaml")).isNotNull();
        assertThat(StrictYaml.class.getClassLoader().getResource("suites/targets/local.yaml")).isNotNull();
    }

    @Test
    void a_shape_with_a_field_that_is_not_located_is_a_defect_not_bad_input() {
        assertThatThrownBy(() -> StrictYaml.parse("name: x\n", SOURCE, UnlocatedYaml.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be declared Located<...>");
    }
}
