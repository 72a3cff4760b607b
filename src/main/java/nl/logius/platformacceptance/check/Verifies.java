package nl.logius.platformacceptance.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The knelpunten a check class verifies, by register id: {@code @Verifies("KP-FO-01")}. The launcher selects
 * checks by it, the verdicts are computed from it, and an id the register does not know is bad input
 * before anything runs.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Verifies {
    String[] value();
}
