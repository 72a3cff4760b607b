package nl.logius.platformacceptance.report;

import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import io.restassured.RestAssured;
import nl.logius.platformacceptance.check.CheckRecord;
import nl.logius.platformacceptance.http.LocalJsonServer;
import nl.logius.platformacceptance.check.Measurement;
import nl.logius.platformacceptance.register.Comparison;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.register.Unit;
import nl.logius.platformacceptance.target.SecretMasking;
import nl.logius.platformacceptance.traffic.ControlTrafficLog;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.Provenance;
import nl.logius.platformacceptance.verdict.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check's Allure result as an auditor reads it, from a real Allure lifecycle: the test is named after its knelpunt
 * and sentence, its thresholds and measurements are parameters, an observation is no passed step, its requests to a
 * (real, local) probe stand-in are one attachment, and the verdict word arrives with the run's verdicts.
 */
class AllureCheckResultsTest {

    private static final Register REGISTER = RegisterLoader.load(Path.of("suites/knelpunten.yaml"));
    private static final String CHECK = "HungInstanceCheck.hung_instance_is_taken_out_of_rotation";

    private final ResultsRecorder written = new ResultsRecorder();
    private LocalJsonServer probeStandIn;

    @BeforeEach
    void a_local_http_server_standing_in_for_a_probe() throws IOException {
        probeStandIn = LocalJsonServer.start("{\"started\":true}", Map.of());
    }

    @AfterEach
    void stop() {
        probeStandIn.close();
    }

    @Test
    void a_check_reads_as_its_knelpunt_with_its_thresholds_measurements_traffic_and_verdict() {
        Knelpunt knelpunt = REGISTER.get("KP-FO-03");
        CheckRecord record = new CheckRecord(CHECK, "hung instance", List.of("KP-FO-03"));
        Measurement rto = Measurement.observation("KP-FO-03", "rto", 0.774, Unit.SECONDS, "freeze at 14:17:08Z");
        Measurement removal = new Measurement("KP-FO-03", "removal-time", 1.04, Unit.SECONDS, 15, Comparison.AT_MOST, true, "");
        record.add(rto);
        record.add(removal);
        AllureCheckResults results = new AllureCheckResults(written, REGISTER::get,
                id -> id.equals(CHECK) ? Optional.of(record) : Optional.empty());
        AllureLifecycle lifecycle = new AllureLifecycle(results);

        String uuid = UUID.randomUUID().toString();
        lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName("hung instance is taken out of rotation (Tenant, Criterion, Evidence)")
                .setLabels(new ArrayList<>(List.of(label("testClass", "nl.logius.platformacceptance.suites.failover.HungInstanceCheck"),
                        label("testMethod", "hung_instance_is_taken_out_of_rotation"), label("knelpunt", "KP-FO-03"),
                        label("package", "nl.logius.platformacceptance.suites.failover.HungInstanceCheck"),
                        label("junit.platform.uniqueid", "[method:hung_instance_is_taken_out_of_rotation(Tenant, Criterion, Evidence)]")))));
        lifecycle.startTestCase(uuid);
        AllureLifecycle before = io.qameta.allure.Allure.getLifecycle();
        io.qameta.allure.Allure.setLifecycle(lifecycle);
        try {
            for (int i = 0; i < 3; i++) {
                RestAssured.given().config(SecretMasking.withSensitiveHeadersHidden(RestAssured.config())).filter(new ControlTrafficLog())
                        .header("Authorization", "Bearer not-to-be-seen").queryParam("ratePerSecond", 20)
                        .post(probeStandIn.url("/prober/start"));
            }
        } finally {
            io.qameta.allure.Allure.setLifecycle(before);
        }
        lifecycle.updateTestCase(uuid, test -> test.setStatus(Status.PASSED).setSteps(new ArrayList<>(List.of(
                new StepResult().setName(rto.describe()).setStatus(Status.PASSED),
                new StepResult().setName(removal.describe()).setStatus(Status.PASSED)))));
        lifecycle.stopTestCase(uuid);
        lifecycle.writeTestCase(uuid);

        assertThat(written.results).as("held until the verdicts are known").isEmpty();
        results.writeHeld(new AllureCheckResults.RunFacts(List.of(new KnelpuntVerdict("KP-FO-03", knelpunt.area(), knelpunt.title(),
                knelpunt.impact(), knelpunt.blocks(), knelpunt.criterion(), Verdict.RESOLVED, Verdict.RESOLVED, "all 1 check(s) passed", true, List.of(), null, "replay")),
                Map.of(), null, Provenance.Calibration.none("no calibration of this build")));

        TestResult test = written.results.get(0);
        assertThat(test.getName()).isEqualTo("KP-FO-03 · A hung instance keeps receiving traffic — hung instance is taken out of rotation");
        assertThat(test.getLabels()).extracting(Label::getName, Label::getValue).contains(
                org.assertj.core.groups.Tuple.tuple("epic", "failover"),
                org.assertj.core.groups.Tuple.tuple("feature", "KP-FO-03 · A hung instance keeps receiving traffic"),
                org.assertj.core.groups.Tuple.tuple("parentSuite", "failover"),
                org.assertj.core.groups.Tuple.tuple("package", "failover.KP-FO-03"),
                org.assertj.core.groups.Tuple.tuple("tag", "RESOLVED"),
                org.assertj.core.groups.Tuple.tuple("tag", "UNCALIBRATED"));
        assertThat(test.getLabels()).extracting(Label::getValue).noneMatch(value -> value.contains("nl.logius") || value.contains("Tenant"));
        Map<String, String> parameters = new LinkedHashMap<>();
        test.getParameters().forEach(p -> parameters.put(p.getName(), p.getValue()));
        assertThat(parameters).containsEntry("knelpunt verdict", "RESOLVED").containsEntry("removal-time (threshold)", "<= 15 s")
                .containsEntry("removal-time (measured)", "1.04 s — met").containsEntry("rto (observed)", "0.774 s — observation, no threshold");
        assertThat(test.getParameters()).allMatch(Parameter::getExcluded);
        assertThat(test.getSteps().get(0).getName()).startsWith("Observation (no threshold, not judged): rto 0.774 s");
        assertThat(test.getSteps().get(0).getStatus()).as("an observation passed no judgement").isNull();
        assertThat(test.getSteps().get(1).getStatus()).isEqualTo(Status.PASSED);
        assertThat(test.getDescription()).contains("**Verdict on KP-FO-03 in this run: RESOLVED**", "UNCALIBRATED: no calibration");

        assertThat(test.getAttachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.getName()).isEqualTo("harness → probe control traffic (3 requests)");
            String log = written.attachments.get(attachment.getSource());
            assertThat(log).contains("#3 ", "POST http://127.0.0.1:", "/prober/start?ratePerSecond=20", "HTTP/1.1 200 OK", "{\"started\":true}")
                    .contains("Authorization: [ BLACKLISTED ]").doesNotContain("not-to-be-seen");
        });
    }

    /** Records what Allure writes, in memory: stands in for the results folder. */
    private static final class ResultsRecorder implements AllureResultsWriter {
        final List<TestResult> results = new ArrayList<>();
        final Map<String, String> attachments = new LinkedHashMap<>();

        @Override
        public void write(TestResult result) {
            results.add(result);
        }

        @Override
        public void write(TestResultContainer container) {
        }

        @Override
        public void write(String source, InputStream attachment) {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                attachment.transferTo(bytes);
                attachments.put(source, bytes.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }
}
