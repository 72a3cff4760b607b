package nl.logius.platformacceptance.verdict;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How one check ended, in Allure's words. */
public enum CheckStatus {
    /** Measured, and every measurement met the criterion. */
    PASSED,
    /** Measured, and a measurement did not meet the criterion. */
    FAILED,
    /** Could not measure: the platform was unreachable, a resource never appeared, the harness erred. */
    BROKEN,
    /** Not run: the target lacks a capability, or the run ended before it. */
    SKIPPED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
