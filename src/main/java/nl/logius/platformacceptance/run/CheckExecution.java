package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.runfolder.RunFolder;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import nl.logius.platformacceptance.check.CheckEnvironment;
import nl.logius.platformacceptance.report.AllureCheckResults;
import nl.logius.platformacceptance.check.SlowChecksFirst;
import nl.logius.platformacceptance.check.RunDeadline;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a run's checks through the JUnit Platform Launcher, then the broken ones again as its
 * {@link RetryPolicy} allows and its {@link RunDeadline} leaves time for. Every attempt reports to the same
 * {@link OutcomeCollector} and Allure results (a retry carries the parameter {@code attempt}, and a pass on it
 * is marked flaky: {@link AllureCheckResults}); each attempt has JUnit XML of its own ({@code junit/}, {@code junit/attempt-2/}).
 */
final class CheckExecution {

    private final RunFolder folder;
    private final OutcomeCollector outcomes;
    private final RetryPolicy retries;
    private final RunDeadline deadline;
    private final PrintStream out;
    private final AllureCheckResults allure;

    /** @param allure where the Allure results go: held until the run's verdicts are known */
    CheckExecution(RunFolder folder, OutcomeCollector outcomes, RetryPolicy retries, RunDeadline deadline, PrintStream out,
                   AllureCheckResults allure) {
        this.folder = folder;
        this.outcomes = outcomes;
        this.retries = retries;
        this.deadline = deadline;
        this.out = out;
        this.allure = allure;
    }

    /** The Allure results of a run's checks, written into its folder, named and labelled for auditors. */
    static AllureCheckResults allureResults(RunFolder folder, RunEnvironment environment) {
        return new AllureCheckResults(new FileSystemResultsWriter(folder.allureResults()), environment::knelpunt, environment::record);
    }

    void run(List<CheckDescriptor> checks) {
        if (checks.isEmpty()) {
            return;
        }
        AllureLifecycle lifecycle = new AllureLifecycle(allure);
        Allure.setLifecycle(lifecycle);
        launch(checks, 1, lifecycle, folder.junit());
        for (int attempt = 2; ; attempt++) {
            List<CheckDescriptor> again = retries.toRetry(checks, outcomes.latestAttempts(), attempt);
            if (again.isEmpty()) {
                return;
            }
            if (deadline.passed()) {
                out.println("not retrying " + again.size() + " broken check(s): the " + deadline.describe() + " passed");
                return;
            }
            out.println("retrying " + again.size() + " broken check(s), attempt " + attempt + " of " + (1 + retries.retryBroken())
                    + " (--retry-broken " + retries.retryBroken() + "); a pass now counts as flaky, not as resolved");
            outcomes.startAttempt(attempt);
            launch(again, attempt, lifecycle, folder.junit().resolve("attempt-" + attempt));
        }
    }

    private void launch(List<CheckDescriptor> checks, int attempt, AllureLifecycle lifecycle, Path junitFolder) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(checks.stream().map(c -> DiscoverySelectors.selectMethod(c.testClass(), c.method())).toList())
                .configurationParameter(CheckEnvironment.RUN_ID_PARAMETER, folder.runId())
                .configurationParameter(CheckEnvironment.ATTEMPT_PARAMETER, String.valueOf(attempt))
                .configurationParameter("junit.jupiter.execution.timeout.mode", "enabled")
                .configurationParameter("junit.jupiter.execution.timeout.testable.method.default", Runner.CHECK_TIMEOUT)
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                // Checks run one at a time, except @Slow ones, which wait in the background (started first).
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .configurationParameter("junit.jupiter.testclass.order.default", SlowChecksFirst.class.getName())
                // Method names are sentences: show them as such in the report.
                .configurationParameter("junit.jupiter.displayname.generator.default",
                        "org.junit.jupiter.api.DisplayNameGenerator$ReplaceUnderscores")
                .build();
        // Listeners are given explicitly: the one Allure registers by itself would write into the working folder.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        // Not closed: closing it would close System.err for the rest of the run.
        PrintWriter junitLog = new PrintWriter(System.err, true);
        launcher.execute(request, outcomes, new AllureJunitPlatform(lifecycle),
                new LegacyXmlReportGeneratingListener(junitFolder, junitLog));
        junitLog.flush();
    }
}
