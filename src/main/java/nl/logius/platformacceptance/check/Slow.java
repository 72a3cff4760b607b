package nl.logius.platformacceptance.check;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The check takes a minute or more by the nature of its criterion, and spends it waiting (an idle time it
 * must wait out), not working. It runs in the background, beside the other checks (which run one at a time,
 * so that they do not disturb each other's timings); a slow check must therefore not measure anything that
 * the load of other checks could distort.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
@Execution(ExecutionMode.CONCURRENT)
public @interface Slow {
}
