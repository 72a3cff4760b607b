package nl.logius.platformacceptance.check;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A check's measurements did not meet its knelpunt's criterion: the check failed (not broke). The message
 * names every failed measurement with its value and threshold.
 */
public class CriterionNotMet extends AssertionError {

    private final List<Measurement> failed;

    public CriterionNotMet(List<Measurement> failed) {
        super(failed.stream().map(Measurement::failureMessage).collect(Collectors.joining("; ")));
        this.failed = List.copyOf(failed);
    }

    public List<Measurement> failed() {
        return failed;
    }
}
