package nl.logius.platformacceptance.input;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Words for YAML shape records in messages: what a record is called ({@code KnelpuntYaml} is a
 * "knelpunt", {@code TargetProfileYaml} a "target profile") and what a field expects ("a number",
 * "a list of threshold mappings", or the field's {@link JsonPropertyDescription}).
 */
final class Shapes {

    private Shapes() {
    }

    /** The record's name in messages: its simple name without the suffix {@code Yaml}, in lower-case words. */
    static String kind(Class<?> shape) {
        String name = shape.getSimpleName().replaceFirst("Yaml$", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    static List<String> fieldNames(Class<?> shape) {
        if (!shape.isRecord()) {
            return List.of();
        }
        return Arrays.stream(shape.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    static Optional<RecordComponent> field(Class<?> shape, String name) {
        if (shape == null || !shape.isRecord()) {
            return Optional.empty();
        }
        return Arrays.stream(shape.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst();
    }

    /** What a field expects: its description if it has one, else its type in words. */
    static String expected(RecordComponent field) {
        JsonPropertyDescription description = field.getAccessor().getAnnotation(JsonPropertyDescription.class);
        return description != null ? description.value() : describe(field.getGenericType());
    }

    /** A record as a whole: {@code a threshold mapping with fields name, comparator, value, unit}. */
    static String describeShape(Class<?> shape) {
        return withArticle(kind(shape)) + " mapping with fields " + String.join(", ", fieldNames(shape));
    }

    private static String withArticle(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    static String describe(Type type) {
        Class<?> raw = raw(type);
        if (raw == Located.class) {
            return describe(argument(type, 0));
        }
        if (raw == String.class) {
            return "text";
        }
        if (raw == Integer.class || raw == Long.class || raw == int.class || raw == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            return "a number";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "true or false";
        }
        if (raw == LocalDate.class) {
            return "a date like 2026-12-31";
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return "a list of " + plural(argument(type, 0));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "a mapping of names to " + plural(argument(type, 1));
        }
        if (raw.isRecord()) {
            return describeShape(raw);
        }
        return withArticle(raw.getSimpleName());
    }

    private static String plural(Type type) {
        Class<?> raw = raw(type);
        if (raw == Located.class) {
            return plural(argument(type, 0));
        }
        if (raw == String.class) {
            return "texts";
        }
        if (raw.isRecord()) {
            return kind(raw) + " mappings";
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return "lists";
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "mappings";
        }
        return describe(type).replaceFirst("^an? ", "") + "s";
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : Object.class;
    }
}
