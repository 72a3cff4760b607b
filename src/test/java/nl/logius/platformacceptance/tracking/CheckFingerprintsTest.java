package nl.logius.platformacceptance.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.verdict.CheckFingerprint;
import org.junit.jupiter.api.Test;

class CheckFingerprintsTest {

    private static final Register REGISTER = RegisterLoader.load(Path.of("suites/knelpunten.yaml"));

    /** A stand-in check with a member class and an anonymous class: all of its code counts. */
    static final class FixtureCheck {
        Supplier<String> anonymous = new Supplier<>() {
            @Override
            public String get() {
                return "anonymous";
            }
        };

        static final class Helper {
        }
    }

    @Test
    void covers_the_check_class_and_every_class_nested_in_it() {
        CheckFingerprint fingerprint = CheckFingerprints.of(FixtureCheck.class, List.of("KP-NET-01"), REGISTER);

        assertThat(fingerprint.classes()).contains(FixtureCheck.class.getName(), FixtureCheck.Helper.class.getName(),
                FixtureCheck.class.getName() + "$1", CheckFingerprintsTest.class.getName());
        assertThat(fingerprint.code()).matches("sha256:[0-9a-f]{64}");
        assertThat(fingerprint.digest()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void records_the_criterion_with_the_targets_overrides_and_changes_its_digest_with_them() {
        Register overridden = REGISTER.withOverrides(Map.of("KP-NET-01", Map.of("lookup-time-p99", 250d)));

        CheckFingerprint plain = CheckFingerprints.of(FixtureCheck.class, List.of("KP-NET-01"), REGISTER);
        CheckFingerprint changed = CheckFingerprints.of(FixtureCheck.class, List.of("KP-NET-01"), overridden);

        assertThat(changed.criteria().get("KP-NET-01").thresholds())
                .contains(new CheckFingerprint.ThresholdView("lookup-time-p99", "<=", 250, "ms"));
        assertThat(changed.criteria().get("KP-NET-01").parameters())
                .contains(new CheckFingerprint.ParameterView("lookups", List.of(200d), "count"));
        assertThat(changed.code()).isEqualTo(plain.code());
        assertThat(changed.digest()).isNotEqualTo(plain.digest());
        assertThat(CheckFingerprints.of(FixtureCheck.class, List.of("KP-NET-01"), REGISTER)).isEqualTo(plain);
    }

    @Test
    void survives_verdicts_json() throws Exception {
        CheckFingerprint fingerprint = CheckFingerprints.of(FixtureCheck.class, List.of("KP-NET-01", "KP-NET-02"), REGISTER);

        String json = Mappers.JSON.writeValueAsString(fingerprint);

        assertThat(Mappers.JSON.readValue(json, CheckFingerprint.class)).isEqualTo(fingerprint);
        assertThat(json.indexOf("KP-NET-01")).isLessThan(json.indexOf("KP-NET-02"));
    }
}
