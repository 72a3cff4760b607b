package nl.logius.platformacceptance.run;

import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import nl.logius.platformacceptance.check.PlatformCheckExtension;

import java.io.InputStream;

/**
 * Writes Allure results, marking a check that passed on a retry as flaky with the reason, so that the report
 * shows it as Allure shows flaky tests (beside its earlier attempts, which Allure lists as retries: every
 * attempt of a check has the same history id). Only a pass on a retry is flaky; a retry that broke again is
 * simply broken.
 */
final class FlakyRetryMarker implements AllureResultsWriter {

    private final AllureResultsWriter delegate;

    FlakyRetryMarker(AllureResultsWriter delegate) {
        this.delegate = delegate;
    }

    @Override
    public void write(TestResult result) {
        attempt(result).filter(attempt -> attempt > 1 && result.getStatus() == Status.PASSED).ifPresent(attempt -> {
            StatusDetails details = result.getStatusDetails() == null ? new StatusDetails() : result.getStatusDetails();
            details.setFlaky(true);
            details.setMessage("passed only on attempt " + attempt + " after the check broke: flaky, so its knelpunt "
                    + "is INCONCLUSIVE, not RESOLVED");
            result.setStatusDetails(details);
        });
        delegate.write(result);
    }

    @Override
    public void write(TestResultContainer container) {
        delegate.write(container);
    }

    @Override
    public void write(String source, InputStream attachment) {
        delegate.write(source, attachment);
    }

    private static java.util.Optional<Integer> attempt(TestResult result) {
        return result.getParameters().stream().filter(p -> PlatformCheckExtension.ATTEMPT.equals(p.getName()))
                .map(Parameter::getValue).map(Integer::parseInt).findFirst();
    }
}
