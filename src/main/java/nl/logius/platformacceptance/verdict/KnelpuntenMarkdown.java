package nl.logius.platformacceptance.verdict;

import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.verdict.CheckOutcome.MeasurementView;

import java.util.List;
import java.util.Locale;

/**
 * {@code knelpunten.md}: the run's matrix for people. A table of every knelpunt with its verdict, then a
 * section per knelpunt with its criterion, its checks, their measurements against the thresholds, the
 * evidence, and the command that replays exactly its checks.
 */
public final class KnelpuntenMarkdown {

    private KnelpuntenMarkdown() {
    }

    public static String render(RunVerdicts run) {
        StringBuilder md = new StringBuilder();
        md.append("# Knelpunten — release ").append(run.release()).append(", target ").append(run.target()).append("\n\n");
        md.append("Run `").append(run.runId()).append("`, ").append(run.startedAt()).append(" – ").append(run.finishedAt())
                .append(", harness ").append(run.harness().version()).append(" (").append(run.harness().commit()).append(")");
        if (run.platform() != null) {
            md.append(", platform ").append(run.platform().name()).append(' ').append(run.platform().version());
        }
        md.append(".\n\n");
        scope(run, md);
        services(run, md);
        md.append(ProvenanceMarkdown.render(run.provenance()));
        if (!run.selection().injections().isEmpty()) {
            md.append("**Injected faults (calibration, not a verdict on a release):** ")
                    .append(String.join(", ", run.selection().injections())).append("\n\n");
        }
        md.append("| Verdict | Count |\n|---|---|\n");
        run.summary().forEach((verdict, count) -> md.append("| ").append(verdict).append(" | ").append(count).append(" |\n"));
        md.append("\n| Knelpunt | Area | Title | Verdict | Reason |\n|---|---|---|---|---|\n");
        for (KnelpuntVerdict k : run.knelpunten()) {
            md.append("| [").append(k.id()).append("](#").append(anchor(k.id())).append(") | ").append(k.area()).append(" | ")
                    .append(cell(k.title())).append(" | **").append(k.verdict()).append("** | ").append(cell(k.reason())).append(" |\n");
        }
        for (KnelpuntVerdict k : run.knelpunten()) {
            md.append("\n## ").append(k.id()).append(" — ").append(k.title()).append(" <a id=\"").append(anchor(k.id())).append("\"></a>\n\n");
            md.append("- Verdict: **").append(k.verdict()).append("**");
            if (k.verdict() != k.measuredVerdict()) {
                md.append(" (measured: ").append(k.measuredVerdict()).append(")");
            }
            md.append(" — ").append(k.reason()).append('\n');
            md.append("- Criterion: ").append(k.criterion()).append('\n');
            if (k.waiver() != null) {
                md.append("- Waiver: ").append(k.waiver().reason()).append(" (approved by ").append(k.waiver().approver())
                        .append(", expires ").append(k.waiver().expires()).append(k.waiver().expired() ? ", EXPIRED" : "").append(")\n");
            }
            if (run.provenance() != null && run.provenance().calibration() != null && k.selected() && !k.checks().isEmpty()) {
                md.append("- Calibration: ").append(calibration(run.provenance().calibration(), k.id())).append('\n');
            }
            md.append("- Replay: `").append(k.replay()).append("`\n");
            for (CheckOutcome check : k.checks()) {
                md.append("\n### ").append(check.id()).append(" — ").append(check.status().name())
                        .append(check.flaky() ? " on attempt " + check.attempts() + ", FLAKY" : "")
                        .append(String.format(Locale.ROOT, " (%.1f s)", check.durationMs() / 1000d)).append("\n\n");
                if (!check.message().isEmpty()) {
                    md.append("> ").append(check.message().replace("\n", "\n> ")).append("\n\n");
                }
                if (!check.measurements().isEmpty()) {
                    md.append("| Measurement | Measured | Criterion | Result | Detail |\n|---|---|---|---|---|\n");
                    for (MeasurementView m : check.measurements()) {
                        md.append("| ").append(m.name()).append(" | ").append(Threshold.formatNumber(m.value())).append(' ').append(m.unit())
                                .append(" | ").append(m.isObservation() ? "—" : m.comparator() + " " + Threshold.formatNumber(m.threshold())
                                        + " " + m.unit())
                                .append(" | ").append(m.isObservation() ? "observed" : m.passed() ? "met" : "**not met**").append(" | ")
                                .append(cell(m.detail())).append(" |\n");
                    }
                }
                CheckFingerprint fingerprint = run.fingerprints().get(check.id());
                if (fingerprint != null && fingerprint.source() != null) {
                    md.append("Source: `").append(fingerprint.source().path()).append("` at commit `").append(fingerprint.source().commit())
                            .append("`, ").append(fingerprint.source().sha256() != null ? "source `" + fingerprint.source().sha256() + "`"
                                    : "no source text (" + fingerprint.source().reason() + ")")
                            .append("; bytecode `").append(fingerprint.code()).append("`\n\n");
                }
                if (!check.evidence().isEmpty()) {
                    md.append("\nEvidence: ");
                    md.append(String.join(", ", check.evidence().stream().map(e -> "[" + e.substring(e.lastIndexOf('/') + 1) + "](" + e + ")").toList()));
                    md.append('\n');
                }
            }
        }
        return md.toString();
    }

    /** Whether each service may migrate: the first thing a programme manager looks for. */
    private static void services(RunVerdicts run, StringBuilder md) {
        ReleaseReadiness readiness = run.services();
        if (readiness == null) {
            md.append(run.selection().injections().isEmpty() ? ""
                    : "**Migration readiness:** none: a calibration run injects faults on purpose and is no verdict on a release.\n\n");
            return;
        }
        md.append("## Migration readiness — ").append(readiness.describe()).append("\n\n");
        md.append("As of this run: per knelpunt the newest run of ").append(readiness.describe())
                .append(" that checked it (").append(readiness.runs().size()).append(" run(s)); waivers judged on ")
                .append(readiness.waiversJudgedOn()).append(". Runs on other targets do not count.\n\n");
        md.append("| Service | Readiness | Why | Since | Against the previous release |\n|---|---|---|---|---|\n");
        for (ServiceReadiness service : readiness.services()) {
            md.append("| ").append(service.service()).append(" | **").append(ReadinessText.label(service.state())).append("** | ")
                    .append(cell(ReadinessText.reason(service, k -> link(k, run)))).append(" | ").append(service.since())
                    .append(" | ").append(cell(service.describeChange())).append(" |\n");
        }
        List<String> waivers = readiness.services().stream().flatMap(s -> s.waived().stream()).map(ReadinessText::waiver)
                .distinct().toList();
        if (!waivers.isEmpty()) {
            md.append('\n');
            waivers.forEach(waiver -> md.append("- Waiver that counts: ").append(cell(waiver)).append('\n'));
        }
        md.append('\n');
    }

    /** What the run is evidence about, and what it covered and did not: before anything else. */
    private static void scope(RunVerdicts run, StringBuilder md) {
        Scope scope = run.scope();
        if (scope == null) {
            return;
        }
        md.append("> **Scope: ").append(scope.statement()).append(".** Target ").append(scope.targetName()).append(" (")
                .append(scope.targetKind()).append(scope.targetDescription() == null ? "" : ": " + scope.targetDescription())
                .append("), release ").append(scope.release()).append(", platform ").append(scope.platform()).append(".\n>\n")
                .append("> Covered: ").append(list(scope.knelpuntenChecked())).append(" (areas ").append(list(scope.areasCovered()))
                .append(").  \n> Not covered: areas ").append(list(scope.areasNotCovered())).append("; not selected ")
                .append(list(scope.notSelected())).append("; without a check in the harness ").append(list(scope.withoutCheck()))
                .append(".\n");
        if (run.provenance() != null && run.provenance().calibration() != null) {
            Provenance.Calibration calibration = run.provenance().calibration();
            md.append(">\n> **Calibration: ").append(calibration.proofOrLegacy()).append("** — ").append(calibration.isLinked()
                    ? "calibration " + calibration.runId() + " of the same harness build, copied into `" + calibration.carried()
                    + "/`; proves detectable: " + list(calibration.detectable())
                    + (calibration.unproven().isEmpty() ? "" : "; not proven: " + String.join("; ", calibration.unproven().stream()
                    .map(u -> u.knelpunt() + " (" + u.reason() + ")").toList()))
                    : calibration.reason()).append(".\n");
        }
        md.append('\n');
    }

    /** A knelpunt's verdict, linked to its section: in this file, or in the knelpunten.md of the run it comes from. */
    private static String link(KnelpuntStanding standing, RunVerdicts run) {
        String target = standing.runId().equals(run.runId()) ? "#" + anchor(standing.id()) : "../../" + standing.evidence();
        return "[" + ReadinessText.verdict(standing) + "](" + target + ")";
    }

    /** What the calibration proves about one knelpunt, in words. */
    static String calibration(Provenance.Calibration calibration, String id) {
        if (calibration.detectable().contains(id)) {
            return "proven detectable by calibration " + calibration.runId();
        }
        return calibration.unproven().stream().filter(u -> u.knelpunt().equals(id)).findFirst()
                .map(u -> "**not proven detectable**: " + u.reason())
                .orElse("**" + Provenance.CalibrationProof.UNCALIBRATED + "**" + (calibration.reason() == null ? "" : ": " + calibration.reason()));
    }

    private static String list(java.util.List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }

    public static String anchor(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
