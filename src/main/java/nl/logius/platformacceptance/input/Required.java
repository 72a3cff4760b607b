package nl.logius.platformacceptance.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of a YAML shape record that must be present, not null and, for text, not blank. {@link StrictYaml}
 * reports a missing one at the start of the mapping that lacks it, which Jackson itself cannot do for records.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Required {
}
