package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.check.FakeEnvironment;
import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.register.Register;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Validating the checks against the register is validating input: an unknown id is refused where it is written. */
class CheckCatalogTest {

    @Test
    void a_verifies_naming_a_knelpunt_the_register_lacks_is_bad_input_at_its_source_position() {
        CheckCatalog catalog = CheckCatalog.discover("nl.logius.platformacceptance.run.verifiesfixtures");
        Register register = new Register(Path.of("test.yaml"), List.of(FakeEnvironment.KP_FO_01));

        BadInputException refused = catchThrowableOfType(BadInputException.class, () -> catalog.validateAgainst(register));

        assertThat(refused.where()).isEqualTo(
                "src/test/java/nl/logius/platformacceptance/run/verifiesfixtures/UnknownKnelpuntFixture.java:13:16");
        assertThat(refused.getMessage()).contains("@Verifies(\"KP-XX-99\") on VerifiesAnUnknownKnelpunt.would_measure_something"
                + " names a knelpunt that is not in test.yaml; expected one of [KP-FO-01]");
    }

    @Test
    void the_position_is_that_of_the_id_in_the_annotation_before_the_class() {
        String source = "package x;\n\n@Verifies(\"KP-A-01\")\nclass First {}\n\n@Verifies({\"KP-A-01\",\n    \"KP-B-02\"})\nclass Second {}\n";

        assertThat(VerifiesPosition.find(source, "Second", "KP-B-02")).isEqualTo("7:6");
        assertThat(VerifiesPosition.find(source, "Second", "KP-A-01")).isEqualTo("6:13");
        assertThat(VerifiesPosition.find(source, "First", "KP-A-01")).isEqualTo("3:12");
        assertThat(VerifiesPosition.find(source, "First", "KP-B-02")).isNull();
    }
}
