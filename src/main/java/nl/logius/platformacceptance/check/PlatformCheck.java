package nl.logius.platformacceptance.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a check method: a JUnit test run by the harness, which may take a {@link nl.logius.platformacceptance.platform.Tenant},
 * {@link Tenants}, {@link Criterion} and {@link Evidence} as parameters. Its tenants are removed when it
 * ends, whatever its outcome.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith({PlatformCheckExtension.class, RunDeadlineExtension.class})
public @interface PlatformCheck {
}
