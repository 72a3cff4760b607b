package nl.logius.platformacceptance.report;

import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.RunVerdicts;
import nl.logius.platformacceptance.verdict.Verdict;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Puts every knelpunt of the register into the Allure report, not only those whose checks ran: a knelpunt
 * that no check measured in this run (none exists yet, or the run did not select it) appears as a skipped
 * entry under its area and title, with the reason and its criterion. An auditor reading the report sees the
 * whole register, and sees plainly what was not verified.
 */
public final class AllureKnelpunten {

    /** How such an entry's message starts; the report's category for them matches it. */
    static final String NOT_COVERED_PREFIX = "NOT_COVERED";

    private AllureKnelpunten() {
    }

    /** @return how many entries were written */
    public static int writeUncovered(Path results, RunVerdicts verdicts) {
        FileSystemResultsWriter writer = new FileSystemResultsWriter(results);
        int written = 0;
        for (KnelpuntVerdict knelpunt : verdicts.knelpunten()) {
            if (knelpunt.verdict() != Verdict.NOT_COVERED || !knelpunt.checks().isEmpty()) {
                continue;
            }
            long at = verdicts.finishedAt().toEpochMilli();
            String name = knelpunt.id() + AllureCheckResults.SEPARATOR + knelpunt.title() + " — not covered in this run";
            List<Label> labels = new ArrayList<>(AllureCheckResults.knelpuntLabels(knelpunt.id(), knelpunt.area(), knelpunt.title()));
            labels.add(new Label().setName("tag").setValue(Verdict.NOT_COVERED.name()));
            if (knelpunt.blocks() != null) {
                knelpunt.blocks().forEach(service -> labels.add(new Label().setName("tag").setValue(service)));
            }
            if (knelpunt.impact() != null) {
                labels.add(new Label().setName("severity").setValue(knelpunt.impact().allureSeverity()));
            }
            TestResult result = new TestResult()
                    .setUuid(UUID.randomUUID().toString())
                    .setHistoryId(historyId(knelpunt.id()))
                    .setTestCaseId(historyId(knelpunt.id()))
                    .setName(name)
                    .setTestCaseName(name)
                    .setFullName(knelpunt.id() + " not covered")
                    .setStatus(Status.SKIPPED)
                    .setStage(Stage.FINISHED)
                    .setStart(at)
                    .setStop(at)
                    .setStatusDetails(new StatusDetails().setMessage(NOT_COVERED_PREFIX + ": " + knelpunt.reason()))
                    .setDescription("**" + knelpunt.id() + " — " + knelpunt.title() + "**\n\n**Verdict on " + knelpunt.id()
                            + " in this run: " + knelpunt.verdict() + "** — not verified in this run: " + knelpunt.reason()
                            + ".\n\nCriterion: " + knelpunt.criterion()
                            + (verdicts.scope() == null ? "" : "\n\nScope: " + verdicts.scope().headline())
                            + (knelpunt.replay() == null || knelpunt.replay().isEmpty() ? "" : "\n\nReplay: `" + knelpunt.replay() + "`"))
                    .setParameters(List.of(new Parameter().setName("knelpunt verdict").setValue(knelpunt.verdict().name())))
                    .setLabels(labels)
                    .setLinks(List.of(new Link().setName(knelpunt.id() + " in knelpunten.md").setType("knelpunt")
                            .setUrl("../knelpunten.md#" + knelpunt.id().toLowerCase(Locale.ROOT))));
            writer.write(result);
            written++;
        }
        return written;
    }

    /** Stable across runs, so that Allure's history follows a knelpunt from NOT_COVERED to covered. */
    private static String historyId(String knelpuntId) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(("knelpunt:" + knelpuntId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
