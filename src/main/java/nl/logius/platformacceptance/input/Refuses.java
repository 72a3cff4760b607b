package nl.logius.platformacceptance.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field that a YAML shape record refuses for a reason worth telling, instead of the plain "unknown field"
 * message: a secret's literal {@code value:} in a target profile, for example.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Refuses {

    /** The refused field's name. */
    String field();

    /** Why, and what to write instead: the message after {@code field 'x' in y is refused: }. */
    String reason();
}
