package nl.logius.platformacceptance.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegisterLoaderTest {

    private static final Path REGISTER = Path.of("suites/knelpunten.yaml");

    /**
     * The names checks ask their criterion for: a contract between the register and the checks. Changing a name
     * here means changing its check too.
     */
    private static final Map<String, List<String>> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("KP-NET-01", List.of("lookups", "resolved", "lookup-time-p99"));
        NAMES.put("KP-NET-02", List.of("requests", "errors", "latency-p50", "latency-p99"));
        NAMES.put("KP-NET-03", List.of("payload-sizes", "repetitions", "mismatches"));
        NAMES.put("KP-NET-04", List.of("idle-time", "idle-survived"));
        NAMES.put("KP-NET-05", List.of("attempts", "cross-tenant-success", "same-tenant-success"));
        NAMES.put("KP-NET-06", List.of("weak-protocols-accepted", "chain-errors", "hostname-errors",
                "remaining-validity"));
        NAMES.put("KP-STO-01", List.of("volumes", "volume-size", "provisioning-time-max", "writable-volumes"));
        NAMES.put("KP-STO-02", List.of("total-data", "smallest-file", "largest-file", "checksum-mismatches"));
        NAMES.put("KP-STO-03", List.of("files", "files-missing", "files-corrupt"));
        NAMES.put("KP-STO-04", List.of("sequential-write-size", "fsync-writes", "sequential-write-throughput",
                "fsync-write-latency-p99"));
        NAMES.put("KP-STO-05", List.of("rounds", "visibility-time-max", "consistent-reads"));
        NAMES.put("KP-DEP-01", List.of("instances", "deployments", "time-to-serve-max", "successful-deployments"));
        NAMES.put("KP-DEP-02", List.of("instances", "request-rate", "success-rate", "update-duration"));
        NAMES.put("KP-DEP-03", List.of("requests", "rollback-time", "previous-version-responses"));
        NAMES.put("KP-DEP-04", List.of("initial-instances", "scaled-instances", "requests", "scale-out-time",
                "min-traffic-share"));
        NAMES.put("KP-DEP-05", List.of("heal-time"));
        NAMES.put("KP-FO-01", List.of("instances", "request-rate", "observation-time", "availability", "longest-outage",
                "recovery-time"));
        NAMES.put("KP-FO-02", List.of("instances", "cut-duration", "request-rate", "availability", "longest-outage",
                "recovery-time"));
        NAMES.put("KP-FO-03", List.of("instances", "request-rate", "observation-time", "readiness-period", "readiness-failures", "removal-time",
                "success-rate-after-removal"));
        NAMES.put("KP-FO-04", List.of("write-rate", "missing-acknowledged-writes", "write-recovery-time"));
    }

    @Test
    void the_register_loads_with_its_twenty_knelpunten_in_file_order() {
        Register register = RegisterLoader.load(REGISTER);

        assertThat(register.source()).isEqualTo(REGISTER);
        assertThat(register.knelpunten()).extracting(Knelpunt::id).containsExactlyElementsOf(NAMES.keySet());
        assertThat(register.areas()).containsExactly("networking", "storage", "deployment", "failover");
        assertThat(register.knelpunten()).allSatisfy(knelpunt -> {
            assertThat(knelpunt.title()).isNotBlank();
            assertThat(knelpunt.description()).isNotBlank();
            assertThat(knelpunt.criterion()).isNotBlank();
            assertThat(knelpunt.blocks()).isNotEmpty().isSubsetOf("DigiD", "MijnOverheid", "Digipoort", "FBS");
            assertThat(knelpunt.thresholds()).allSatisfy(t -> assertThat(t.description()).isNotBlank());
        });
    }

    @Test
    void parameter_and_threshold_names_are_the_ones_the_checks_ask_for() {
        Register register = RegisterLoader.load(REGISTER);

        for (Knelpunt knelpunt : register.knelpunten()) {
            List<String> names = new java.util.ArrayList<>();
            knelpunt.parameters().forEach(p -> names.add(p.name()));
            knelpunt.thresholds().forEach(t -> names.add(t.name()));
            assertThat(names).as(knelpunt.id()).containsExactlyElementsOf(NAMES.get(knelpunt.id()));
        }
    }

    @Test
    void thresholds_and_parameters_keep_their_values_units_and_comparators() {
        Register register = RegisterLoader.load(REGISTER);

        Knelpunt dns = register.get("KP-NET-01");
        assertThat(dns.parameter("lookups").orElseThrow().value()).isEqualTo(200);
        assertThat(dns.threshold("resolved").orElseThrow().describe()).isEqualTo("resolved >= 100 %");
        assertThat(dns.threshold("lookup-time-p99").orElseThrow().asDuration()).hasMillis(100);
        assertThat(register.get("KP-NET-03").parameter("payload-sizes").orElseThrow())
                .satisfies(p -> assertThat(p.values()).containsExactly(1d, 64d, 1024d, 16384d))
                .satisfies(p -> assertThat(p.unit()).isEqualTo(Unit.KIBIBYTES));
        assertThat(register.get("KP-DEP-02").threshold("success-rate").orElseThrow().describe())
                .isEqualTo("success-rate >= 99.9 %");
        assertThat(register.get("KP-STO-04").threshold("sequential-write-throughput").orElseThrow().unit())
                .isEqualTo(Unit.MEBIBYTES_PER_SECOND);
        assertThat(register.get("KP-NET-06").parameters()).isEmpty();
        assertThat(register.get("KP-NET-06").threshold("remaining-validity").orElseThrow().asDuration()).hasDays(30);
    }

    @Test
    void the_default_register_is_the_project_file_when_it_is_at_hand() {
        assertThat(RegisterLoader.loadDefault().source()).isEqualTo(RegisterLoader.DEFAULT_FILE);
        assertThat(RegisterLoader.loadDefault().knelpunten()).hasSize(20);
    }

    @Test
    void the_register_is_embedded_in_the_jar() {
        Register embedded = RegisterLoader.loadEmbedded();

        assertThat(embedded.source()).hasToString("classpath:suites/knelpunten.yaml");
        assertThat(embedded.knelpunten()).isEqualTo(RegisterLoader.load(REGISTER).knelpunten());
    }

    @Test
    void the_symbols_spelt_out_for_messages_are_those_of_the_model() {
        assertThat(RegisterYaml.UNITS).isEqualTo(Unit.knownSymbols());
        assertThat(RegisterYaml.COMPARATORS).isEqualTo(Comparison.knownSymbols());
        assertThat(RegisterYaml.IMPACTS).isEqualTo(Impact.knownIds());
    }

    @Test
    void every_knelpunt_has_an_impact_that_becomes_its_allure_severity() {
        Register register = RegisterLoader.load(REGISTER);

        assertThat(register.get("KP-STO-02").impact()).isEqualTo(Impact.BLOCKER);
        assertThat(register.get("KP-DEP-02").impact()).isEqualTo(Impact.CRITICAL);
        assertThat(register.get("KP-NET-02").impact()).isEqualTo(Impact.MAJOR);
        assertThat(register.knelpunten()).extracting(Knelpunt::impact).doesNotContainNull();
        assertThat(java.util.Arrays.stream(Impact.values()).map(Impact::allureSeverity))
                .as("Allure's own severity words").containsExactly("blocker", "critical", "normal");
    }

    @Test
    void the_services_are_the_four_the_register_names_in_order_of_first_mention() {
        assertThat(RegisterLoader.load(REGISTER).services()).containsExactly("DigiD", "MijnOverheid", "Digipoort", "FBS");
    }

    @Test
    void a_unit_refuses_values_it_cannot_have() {
        assertThat(Unit.PERCENT.problemWith(100)).isEmpty();
        assertThat(Unit.PERCENT.problemWith(100.5)).hasValue("100.5 % is above 100 %; expected a percentage from 0 to 100");
        assertThat(Unit.MILLISECONDS.problemWith(-5)).hasValue("-5 ms is negative; expected a duration of 0 ms or more");
        assertThat(Unit.COUNT.problemWith(-1)).hasValue("-1 count is negative; expected a count of 0 or more");
        assertThat(Unit.COUNT.problemWith(2.5)).hasValue("2.5 count is not a whole number; expected a whole count");
        assertThat(Unit.MEBIBYTES_PER_SECOND.problemWith(0)).isEmpty();
    }

    @Test
    void known_area_codes_are_those_of_the_design() {
        assertThat(RegisterLoader.AREA_CODES).containsOnly(entry("NET", "networking"), entry("STO", "storage"),
                entry("DEP", "deployment"), entry("FO", "failover"));
    }
}
