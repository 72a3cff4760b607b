package nl.logius.platformacceptance.report;

import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import nl.logius.platformacceptance.check.CheckRecord;
import nl.logius.platformacceptance.check.Measurement;
import nl.logius.platformacceptance.check.PlatformCheckExtension;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.traffic.ControlTrafficLog;
import nl.logius.platformacceptance.verdict.CheckFingerprint;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.Provenance;
import nl.logius.platformacceptance.verdict.RunVerdicts;
import nl.logius.platformacceptance.verdict.Scope;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes the Allure results of a run's checks as an auditor reads them, not as JUnit names them:
 * <ul>
 *   <li>each test is named {@code KP-FO-02 · Losing a zone interrupts service — <the check's sentence>}, never with
 *       a Java signature, and sits under its area and knelpunt in Behaviors, Suites and Packages, so that
 *       searching a knelpunt's id finds it;</li>
 *   <li>its parameters are the knelpunt's thresholds and what the check measured against them, observations (a
 *       value no threshold judges, such as the RTO) marked as such, also in its steps, where they are no green
 *       passed step;</li>
 *   <li>the harness's own requests to its probes go into one attachment per check
 *       ({@link ControlTrafficLog}), not one per request;</li>
 *   <li>the knelpunt's verdict word (RESOLVED, FAILING, ...) is on each of its tests, with the run's scope, the
 *       calibration's proof and the check's source;</li>
 *   <li>a check that passed only on a retry is marked flaky with the reason, as Allure shows flaky tests (beside its
 *       earlier attempts, which Allure lists as retries: every attempt of a check has the same history id). Only a
 *       pass on a retry is flaky; a retry that broke again is simply broken.</li>
 * </ul>
 * The verdict is known only when every check has run, so the results are held until {@link #writeHeld}; what
 * depends on one attempt of a check (its measurements, its traffic) is taken when the attempt ends.
 */
public final class AllureCheckResults implements AllureResultsWriter {

    /** Between a knelpunt's id and its title in names: {@code KP-FO-02 · Losing a zone interrupts service}. */
    public static final String SEPARATOR = " · ";
    /** Labels JUnit's Allure adapter sets that show Java names (classes, packages, the method signature). */
    private static final Set<String> JAVA_LABELS = Set.of("package", "testClass", "testMethod", "suite", "parentSuite", "subSuite",
            "epic", "feature", "story", "junit.platform.uniqueid");
    static final String OBSERVATION = "Observation (no threshold, not judged): ";

    private final AllureResultsWriter delegate;
    private final Function<String, Knelpunt> knelpunten;
    private final Function<String, Optional<CheckRecord>> records;
    private final List<Held> held = new ArrayList<>();

    /**
     * @param knelpunten the register's knelpunten by id, with the target's overrides
     * @param records    the record of a check's current attempt, by check id ({@code Class.method})
     */
    public AllureCheckResults(AllureResultsWriter delegate, Function<String, Knelpunt> knelpunten,
                              Function<String, Optional<CheckRecord>> records) {
        this.delegate = delegate;
        this.knelpunten = knelpunten;
        this.records = records;
    }

    /** A result held until the verdicts are known, with the check and knelpunten it belongs to. */
    private record Held(TestResult result, String checkId, List<String> knelpunten) {
    }

    /** What the held results need from the end of the run; null scope and calibration are left out. */
    public record RunFacts(List<KnelpuntVerdict> knelpunten, Map<String, CheckFingerprint> fingerprints, Scope scope,
                           Provenance.Calibration calibration) {

        public static RunFacts of(RunVerdicts verdicts) {
            return new RunFacts(verdicts.knelpunten(), verdicts.fingerprints(), verdicts.scope(),
                    verdicts.provenance() == null ? null : verdicts.provenance().calibration());
        }
    }

    @Override
    public void write(TestResult result) {
        markFlaky(result);
        String checkId = label(result, "testClass").map(c -> c.substring(c.lastIndexOf('.') + 1)).orElse("?") + "."
                + label(result, "testMethod").orElse("?");
        List<String> ids = result.getLabels().stream().filter(l -> "knelpunt".equals(l.getName())).map(Label::getValue).toList();
        if (ids.isEmpty()) {
            synchronized (held) {
                held.add(new Held(result, checkId, ids));
            }
            return;
        }
        Knelpunt first = knelpunten.apply(ids.get(0));
        String sentence = label(result, "testMethod").orElse(checkId).replace('_', ' ');
        String name = String.join(", ", ids) + SEPARATOR + first.title() + " — " + sentence;
        result.setName(name).setTestCaseName(name).setFullName(String.join(", ", ids) + " " + checkId)
                .setTitlePath(List.of(first.area(), ids.get(0) + SEPARATOR + first.title()));
        List<Label> labels = new ArrayList<>(result.getLabels().stream().filter(l -> !JAVA_LABELS.contains(l.getName())).toList());
        ids.forEach(id -> labels.addAll(knelpuntLabels(id, knelpunten.apply(id).area(), knelpunten.apply(id).title())));
        labels.add(new Label().setName("check").setValue(checkId));
        result.setLabels(labels);
        Optional<CheckRecord> record = records.apply(checkId);
        List<Measurement> measurements = record.map(CheckRecord::measurements).orElse(List.of());
        // Each threshold with what was measured against it, then the observations; the details stay in the steps.
        List<Parameter> parameters = new ArrayList<>(result.getParameters());
        for (String id : ids) {
            for (Threshold threshold : knelpunten.apply(id).thresholds()) {
                parameters.add(parameter(prefix(ids, id) + threshold.name() + " (threshold)", threshold.comparison().symbol() + " "
                        + Threshold.format(threshold.value(), threshold.unit())));
                measurements.stream().filter(m -> m.knelpunt().equals(id) && m.name().equals(threshold.name()))
                        .forEach(m -> parameters.add(measured(ids, m)));
            }
        }
        measurements.stream().filter(Measurement::isObservation).forEach(m -> parameters.add(measured(ids, m)));
        result.setParameters(parameters);
        record.ifPresent(r -> markObservations(result.getSteps(), r.measurements()));
        attachControlTraffic(result);
        synchronized (held) {
            held.add(new Held(result, checkId, ids));
        }
    }

    /**
     * Writes every held result with what the end of the run knows: the verdict word of its knelpunten, the scope,
     * the calibration's proof and the check's source.
     */
    public void writeHeld(RunFacts facts) {
        List<Held> results;
        synchronized (held) {
            results = List.copyOf(held);
            held.clear();
        }
        for (Held entry : results) {
            TestResult result = entry.result();
            List<KnelpuntVerdict> verdicts = facts.knelpunten().stream().filter(k -> entry.knelpunten().contains(k.id())).toList();
            List<Label> labels = new ArrayList<>(result.getLabels());
            List<Parameter> parameters = new ArrayList<>();
            StringBuilder description = new StringBuilder();
            for (KnelpuntVerdict verdict : verdicts) {
                labels.add(new Label().setName("tag").setValue(verdict.verdict().name()));
                labels.add(new Label().setName("verdict").setValue(verdict.id() + " " + verdict.verdict()));
                parameters.add(parameter(prefix(entry.knelpunten(), verdict.id()) + "knelpunt verdict", verdict.verdict().name()));
                description.append("**").append(verdict.id()).append(" — ").append(verdict.title()).append("**\n\n")
                        .append("**Verdict on ").append(verdict.id()).append(" in this run: ").append(verdict.verdict()).append("** — ")
                        .append(verdict.reason()).append("\n\nCriterion: ").append(verdict.criterion()).append("\n\n");
                if (facts.calibration() != null) {
                    description.append("Calibration: ").append(calibration(facts.calibration(), verdict.id())).append("\n\n");
                    if (!facts.calibration().detectable().contains(verdict.id())) {
                        labels.add(new Label().setName("tag").setValue(Provenance.CalibrationProof.UNCALIBRATED.name()));
                    }
                }
            }
            if (facts.scope() != null) {
                description.append("Scope: ").append(facts.scope().headline()).append("\n\n");
            }
            CheckFingerprint fingerprint = facts.fingerprints().get(entry.checkId());
            if (fingerprint != null && fingerprint.source() != null) {
                description.append("Check ").append(entry.checkId()).append(": source ").append(fingerprint.source().describe())
                        .append("; bytecode ").append(fingerprint.code()).append("\n\n");
            }
            verdicts.stream().map(KnelpuntVerdict::replay).filter(r -> r != null && !r.isEmpty()).findFirst()
                    .ifPresent(replay -> description.append("Replay: `").append(replay).append("`"));
            parameters.addAll(result.getParameters());
            result.setLabels(labels).setParameters(parameters);
            if (!description.isEmpty()) {
                result.setDescription(description.toString().strip());
            }
            delegate.write(result);
        }
    }

    @Override
    public void write(TestResultContainer container) {
        delegate.write(container);
    }

    @Override
    public void write(String source, InputStream attachment) {
        delegate.write(source, attachment);
    }

    /** Behaviors by area and knelpunt, Suites the same, Packages {@code area.KP-...}: no Java name anywhere. */
    static List<Label> knelpuntLabels(String id, String area, String title) {
        String feature = id + SEPARATOR + title;
        return List.of(new Label().setName("knelpunt").setValue(id),
                new Label().setName("epic").setValue(area),
                new Label().setName("feature").setValue(feature),
                new Label().setName("parentSuite").setValue(area),
                new Label().setName("suite").setValue(feature),
                new Label().setName("package").setValue(area + "." + id));
    }

    /** What the calibration proves about one knelpunt, in words. */
    static String calibration(Provenance.Calibration calibration, String id) {
        if (calibration.detectable().contains(id)) {
            return "proven detectable by calibration " + calibration.runId() + " (" + calibration.proofOrLegacy() + ")";
        }
        return calibration.unproven().stream().filter(u -> u.knelpunt().equals(id)).findFirst()
                .map(u -> "NOT proven detectable: " + u.reason())
                .orElse(Provenance.CalibrationProof.UNCALIBRATED + (calibration.reason() == null ? "" : ": " + calibration.reason()));
    }

    private static Parameter measured(List<String> ids, Measurement m) {
        String prefix = prefix(ids, m.knelpunt());
        if (m.isObservation()) {
            return parameter(prefix + m.name() + " (observed)", Threshold.format(m.value(), m.unit()) + " — observation, no threshold");
        }
        return parameter(prefix + m.name() + " (measured)", Threshold.format(m.value(), m.unit()) + " — "
                + (m.passed() ? "met" : "NOT met"));
    }

    /** The knelpunt's id before a parameter's name, only when a check verifies several. */
    private static String prefix(List<String> ids, String id) {
        return ids.size() > 1 ? id + " " : "";
    }

    private static Parameter parameter(String name, String value) {
        // Excluded from the history id: the same check with another measurement is still the same test.
        return new Parameter().setName(name).setValue(value).setExcluded(true);
    }

    /** An observation is recorded as a step: it says so, and has no status (it passed no judgement). */
    private static void markObservations(List<StepResult> steps, List<Measurement> measurements) {
        for (StepResult step : steps) {
            for (Measurement m : measurements) {
                if (m.isObservation() && m.describe().equals(step.getName())) {
                    step.setName(OBSERVATION + m.describe()).setStatus(null);
                }
            }
            markObservations(step.getSteps(), measurements);
        }
    }

    private void attachControlTraffic(TestResult result) {
        ControlTrafficLog.drain(result.getUuid()).ifPresent(log -> {
            String source = UUID.randomUUID() + "-attachment.txt";
            delegate.write(source, new ByteArrayInputStream(log.text().getBytes(StandardCharsets.UTF_8)));
            List<Attachment> attachments = new ArrayList<>(result.getAttachments());
            attachments.add(new Attachment().setName("harness → probe control traffic (" + log.requests() + " requests)")
                    .setType("text/plain").setSource(source));
            result.setAttachments(attachments);
        });
    }

    private static void markFlaky(TestResult result) {
        result.getParameters().stream().filter(p -> PlatformCheckExtension.ATTEMPT.equals(p.getName())).map(Parameter::getValue)
                .map(Integer::parseInt).findFirst().filter(attempt -> attempt > 1 && result.getStatus() == Status.PASSED)
                .ifPresent(attempt -> {
                    StatusDetails details = result.getStatusDetails() == null ? new StatusDetails() : result.getStatusDetails();
                    details.setFlaky(true);
                    details.setMessage("passed only on attempt " + attempt + " after the check broke: flaky, so its knelpunt "
                            + "is INCONCLUSIVE, not RESOLVED");
                    result.setStatusDetails(details);
                });
    }

    private static Optional<String> label(TestResult result, String name) {
        return result.getLabels().stream().filter(l -> name.equals(l.getName())).map(Label::getValue).findFirst();
    }
}
