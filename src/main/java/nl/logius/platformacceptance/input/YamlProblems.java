package nl.logius.platformacceptance.input;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what Jackson and SnakeYAML throw into a {@link BadInputException} that says where, what is wrong
 * and what is expected, in the words of the YAML file rather than of Java.
 */
final class YamlProblems {

    private static final String WELL_FORMED = "expected well-formed YAML: indent with spaces only, and quote "
            + "text that contains ': ' or ' #', or starts with one of % @ ` * & ! | > { [";

    private final Path file;
    private final KeyTrackingParser parser;
    private final Class<?> rootShape;

    YamlProblems(Path file, KeyTrackingParser parser, Class<?> rootShape) {
        this.file = file;
        this.parser = parser;
        this.rootShape = rootShape;
    }

    BadInputException translate(JacksonException thrown) {
        Optional<KeyTrackingParser.AliasException> alias = cause(thrown, KeyTrackingParser.AliasException.class);
        if (alias.isPresent()) {
            return at(parser.currentTokenLocation(), "YAML alias '" + alias.get().getOriginalMessage()
                    + "' is not supported; expected the value written out in full");
        }
        Optional<MarkedYAMLException> syntax = cause(thrown, MarkedYAMLException.class);
        if (syntax.isPresent()) {
            return syntaxError(syntax.get());
        }
        Optional<StreamReadException> stream = cause(thrown, StreamReadException.class);
        String streamProblem = stream.map(StreamReadException::getOriginalMessage).orElse("");
        // The parser stands at the start of the offending key or value; the exception's location is its end.
        JsonLocation streamAt = stream.map(s -> s.getProcessor() != null ? s.getProcessor().currentTokenLocation()
                : s.getLocation()).orElse(null);
        if (streamProblem.startsWith("Duplicate field '")) {
            String key = streamProblem.replaceFirst("^Duplicate field '(.*)'$", "$1");
            return at(streamAt, "duplicate key '" + key + "'; expected each key once in a mapping");
        }
        if (streamProblem.startsWith("Malformed numeric value")) {
            return at(streamAt, streamProblem.replaceFirst("^Malformed", "malformed")
                    + "; expected a finite number like 50 or 99.9");
        }
        if (thrown instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        if (thrown instanceof InvalidNullException nullItem) {
            return at(nullItem.getLocation(), subject(nullItem.getPath()) + " is null; expected "
                    + expectedAt(nullItem.getPath()));
        }
        if (thrown instanceof MismatchedInputException mismatch) {
            return wrongType(mismatch);
        }
        if (stream.isPresent()) {
            return at(streamAt, "YAML syntax error: " + streamProblem + "; " + WELL_FORMED);
        }
        // Anything else (e.g. InvalidDefinitionException) is a defect of a shape record, not bad input.
        throw new IllegalStateException("cannot read " + file + " with " + rootShape.getName(), thrown);
    }

    /** Bad input found outside Jackson's exceptions, at a position Jackson gave. */
    BadInputException at(JsonLocation where, String problem) {
        int line = where == null || where.getLineNr() < 1 ? 1 : where.getLineNr();
        int column = where == null || where.getColumnNr() < 1 ? 1 : where.getColumnNr();
        return BadInputException.at(file, line, column, problem);
    }

    private BadInputException syntaxError(MarkedYAMLException e) {
        Mark problemMark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String context = e.getContext() != null && e.getContextMark() != null
                ? " (" + e.getContext() + " at " + (e.getContextMark().getLine() + 1) + ":"
                        + (e.getContextMark().getColumn() + 1) + ")"
                : "";
        String problem = (e.getProblem() != null ? e.getProblem() : e.getOriginalMessage()).strip();
        return BadInputException.at(file, problemMark.getLine() + 1, problemMark.getColumn() + 1,
                "YAML syntax error: " + problem + context + "; " + WELL_FORMED);
    }

    private BadInputException unknownField(UnrecognizedPropertyException e) {
        JsonLocation where = parser.keyAt(pointer(e.getPath())).orElse(e.getLocation());
        Class<?> shape = e.getReferringClass();
        String name = e.getPropertyName();
        String in = " in " + Shapes.kind(shape) + mapKeyBefore(e.getPath(), e.getPath().size() - 1);
        Refuses refused = shape.getAnnotation(Refuses.class);
        if (refused != null && refused.field().equals(name)) {
            return at(where, "field '" + name + "'" + in + " is refused: " + refused.reason());
        }
        List<String> known = Shapes.fieldNames(shape);
        String suggestion = closest(name, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
        return at(where, "unknown field '" + name + "'" + in + suggestion + "; expected "
                + (known.size() == 1 ? "only " : "one of ") + String.join(", ", known));
    }

    private BadInputException wrongType(MismatchedInputException e) {
        JsonParser source = e.getProcessor() instanceof JsonParser p ? p : parser;
        JsonToken token = source.currentToken();
        String found = found(source, token);
        if (e.getPath().isEmpty()) {
            return at(e.getLocation(), "the document is " + found + "; expected " + Shapes.describeShape(rootShape));
        }
        String expected = expectedAt(e.getPath());
        Class<?> target = e.getTargetType() == null ? Object.class : e.getTargetType();
        String hint = "";
        if (expected.equals("text") && token != null && token.isScalarValue() && token != JsonToken.VALUE_STRING) {
            hint = " (put it in quotes to make it text)";
        } else if (Number.class.isAssignableFrom(target) && token == JsonToken.VALUE_STRING) {
            hint = " (write the number alone: no quotes, no unit)";
        }
        return at(e.getLocation(), subject(e.getPath()) + " is " + found + "; expected " + expected + hint);
    }

    private static String found(JsonParser source, JsonToken token) {
        if (token == null) {
            return "something else";
        }
        String text = text(source);
        return switch (token) {
            case VALUE_STRING -> "text '" + text + "'";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + text;
            case VALUE_TRUE, VALUE_FALSE -> "'" + text + "', which YAML reads as " + token.asString();
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            case VALUE_NULL -> "null";
            default -> token.asString() != null ? token.asString() : token.name();
        };
    }

    private static String text(JsonParser source) {
        try {
            return source.getText();
        } catch (IOException e) {
            return "?";
        }
    }

    /** {@code field 'blocks' (item 2) in knelpunt}, {@code field 'value' in secret 'api-token'}. */
    private String subject(List<Reference> path) {
        int fieldIndex = lastFieldOfRecord(path);
        if (fieldIndex < 0) {
            return "the document";
        }
        Reference field = path.get(fieldIndex);
        StringBuilder subject = new StringBuilder("field '").append(field.getFieldName()).append("'");
        List<Reference> rest = path.subList(fieldIndex + 1, path.size());
        if (!rest.isEmpty()) {
            subject.append(" (");
            for (int i = 0; i < rest.size(); i++) {
                Reference step = rest.get(i);
                subject.append(i == 0 ? "" : ", ").append(step.getFieldName() != null
                        ? "entry '" + step.getFieldName() + "'" : "item " + (step.getIndex() + 1));
            }
            subject.append(")");
        }
        Class<?> shape = field.getFrom() instanceof Class<?> c ? c : field.getFrom().getClass();
        return subject.append(" in ").append(Shapes.kind(shape)).append(mapKeyBefore(path, fieldIndex)).toString();
    }

    /** The key of the map entry that holds a record, as in "secret 'api-token'". */
    private static String mapKeyBefore(List<Reference> path, int fieldIndex) {
        if (fieldIndex < 1) {
            return "";
        }
        Reference before = path.get(fieldIndex - 1);
        return before.getFrom() instanceof Map<?, ?> && before.getFieldName() != null
                ? " '" + before.getFieldName() + "'" : "";
    }

    private static int lastFieldOfRecord(List<Reference> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            Object from = path.get(i).getFrom();
            Class<?> type = from instanceof Class<?> c ? c : from == null ? Object.class : from.getClass();
            if (type.isRecord() && path.get(i).getFieldName() != null) {
                return i;
            }
        }
        return -1;
    }

    /** What the value at a path should be, from the shape records' declared types. */
    private String expectedAt(List<Reference> path) {
        Type type = rootShape;
        RecordComponent lastField = null;
        for (Reference step : path) {
            type = unwrapLocated(type);
            Class<?> raw = raw(type);
            if (raw.isRecord() && step.getFieldName() != null) {
                Optional<RecordComponent> field = Shapes.field(raw, step.getFieldName());
                if (field.isEmpty()) {
                    return "a known field";
                }
                lastField = field.get();
                type = lastField.getGenericType();
            } else {
                lastField = null;
                type = Collection.class.isAssignableFrom(raw) ? argument(type, 0) : argument(type, 1);
            }
        }
        return lastField != null ? Shapes.expected(lastField) : Shapes.describe(type);
    }

    private static Type unwrapLocated(Type type) {
        return raw(type) == Located.class ? unwrapLocated(argument(type, 0)) : type;
    }

    private static Class<?> raw(Type type) {
        return type instanceof Class<?> c ? c
                : type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : Object.class;
    }

    private static JsonPointer pointer(List<Reference> path) {
        JsonPointer pointer = JsonPointer.empty();
        for (Reference step : path) {
            pointer = step.getFieldName() != null ? pointer.appendProperty(step.getFieldName())
                    : pointer.appendIndex(step.getIndex());
        }
        return pointer;
    }

    /** A known name within two edits of a misspelt one. */
    private static Optional<String> closest(String name, List<String> known) {
        return known.stream()
                .filter(candidate -> editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT)) <= 2)
                .min(Comparator.comparingInt(candidate -> editDistance(name, candidate)));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private static <E extends Throwable> Optional<E> cause(Throwable thrown, Class<E> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
