package nl.logius.platformacceptance.input;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * The checks Jackson cannot make with a useful position: a {@link Required} field that is missing (reported at
 * the start of the mapping that lacks it), blank text in a required field, and an explicit {@code null}
 * (reported at the null). Walks a freshly read YAML shape: records, {@link Located} values, lists and maps.
 */
final class RequiredFields {

    private RequiredFields() {
    }

    static void check(Located<?> node) {
        Object value = node.value();
        if (value instanceof Record record) {
            checkRecord(record, node);
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> checkChild(item, node));
        } else if (value instanceof Map<?, ?> entries) {
            entries.values().forEach(item -> checkChild(item, node));
        }
    }

    private static void checkChild(Object child, Located<?> parent) {
        if (child instanceof Located<?> located) {
            check(located);
        } else if (child != null) {
            check(new Located<>(child, parent.file(), parent.line(), parent.column()));
        }
    }

    private static void checkRecord(Record record, Located<?> at) {
        String kind = Shapes.kind(record.getClass());
        for (RecordComponent field : record.getClass().getRecordComponents()) {
            if (field.getType() != Located.class) {
                throw new IllegalStateException(record.getClass().getName() + "." + field.getName()
                        + " must be declared Located<...>, so that nulls and positions are known");
            }
            boolean required = field.isAnnotationPresent(Required.class);
            Located<?> value = (Located<?>) read(field, record);
            String subject = "field '" + field.getName() + "' in " + kind;
            if (value == null) {
                if (required) {
                    throw at.problem("missing " + subject + "; expected " + Shapes.expected(field));
                }
                continue;
            }
            if (value.value() == null) {
                throw value.problem(subject + " is null; expected " + Shapes.expected(field)
                        + (required ? "" : ", or leave the field out"));
            }
            if (required && value.value() instanceof String text && text.isBlank()) {
                throw value.problem(subject + " is blank; expected " + Shapes.expected(field));
            }
            check(value);
        }
    }

    private static Object read(RecordComponent field, Record record) {
        Method accessor = field.getAccessor();
        try {
            accessor.setAccessible(true); // shape records are package-private in their loader's package
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }
}
