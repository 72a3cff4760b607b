package nl.logius.platformacceptance.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.AccessPattern;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Teaches Jackson to read {@link Located} values and map keys: it notes the parser's token position, then
 * reads the value with the deserializer of the wrapped type. An explicit YAML {@code null} becomes a
 * {@code Located} holding null (so that {@link RequiredFields} can report it at its position), while an
 * absent field stays a plain null.
 */
final class LocatedModule extends SimpleModule {

    /** Deserialization attribute holding the {@link Path} that positions refer to. */
    static final Object FILE = LocatedModule.class.getName() + ".file";

    LocatedModule() {
        super("located");
        addDeserializer(Located.class, new ValueDeserializer(null));
        addKeyDeserializer(Located.class, new KeyReader());
    }

    private static <T> Located<T> locate(T value, DeserializationContext context) {
        JsonLocation at = context.getParser().currentTokenLocation();
        return new Located<>(value, (Path) context.getAttribute(FILE), at.getLineNr(), at.getColumnNr());
    }

    private static final class ValueDeserializer extends JsonDeserializer<Located<?>> implements ContextualDeserializer {

        private final JsonDeserializer<Object> valueDeserializer;

        ValueDeserializer(JsonDeserializer<Object> valueDeserializer) {
            this.valueDeserializer = valueDeserializer;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JavaType located = context.getContextualType();
            JavaType valueType = located == null || located.containedTypeCount() == 0
                    ? context.constructType(Object.class) : located.containedType(0);
            return new ValueDeserializer(context.findContextualValueDeserializer(valueType, property));
        }

        @Override
        public Located<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonLocation at = parser.currentTokenLocation();
            Object value = valueDeserializer.deserialize(parser, context);
            return new Located<>(value, (Path) context.getAttribute(FILE), at.getLineNr(), at.getColumnNr());
        }

        @Override
        public Located<?> getNullValue(DeserializationContext context) {
            return locate(null, context);
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }

        @Override
        public AccessPattern getNullAccessPattern() {
            return AccessPattern.DYNAMIC; // the null value carries a position, so it cannot be shared
        }
    }

    /** Map keys: Jackson asks for the key while the parser still stands on it. Only text keys are supported. */
    private static final class KeyReader extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            return locate(key, context);
        }
    }
}
