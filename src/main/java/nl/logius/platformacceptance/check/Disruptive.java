package nl.logius.platformacceptance.check;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The check disrupts the platform (kills, freezes, cuts off): on a shared platform, run it with care. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("disruptive")
public @interface Disruptive {
}
