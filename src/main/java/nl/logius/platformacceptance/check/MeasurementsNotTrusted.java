package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.platform.PlatformUnavailableException;

/**
 * A check measured a failure while the platform itself did not answer (its engine or API went away): what it
 * measured is the harness losing sight of the platform, not the platform missing its criterion. The check is
 * broken and its knelpunt INCONCLUSIVE; the failure it measured is kept as a suppressed exception and in the
 * message.
 */
public final class MeasurementsNotTrusted extends PlatformUnavailableException {
    public MeasurementsNotTrusted(String seen, Throwable measuredFailure) {
        super("the platform did not answer during this check, so its measurements are not trusted: " + seen
                + "; what it measured: " + measuredFailure.getMessage(), null);
        addSuppressed(measuredFailure);
    }
}
