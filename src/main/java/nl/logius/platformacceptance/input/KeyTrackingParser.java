package nl.logius.platformacceptance.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML parser that remembers where each key stands. Jackson reports an unknown field of a record only
 * after it has read the whole mapping, without a position; this parser supplies the key's own position.
 * It also refuses YAML aliases ({@code *name}), which Jackson would silently read as the text {@code name}.
 */
final class KeyTrackingParser extends JsonParserDelegate {

    private final Map<JsonPointer, JsonLocation> keys = new HashMap<>();

    KeyTrackingParser(JsonParser yaml) {
        super(yaml);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = super.nextToken();
        if (token == JsonToken.FIELD_NAME) {
            keys.putIfAbsent(getParsingContext().pathAsPointer(), currentTokenLocation());
        }
        if (delegate instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new AliasException(this, "*" + yaml.getText());
        }
        return token;
    }

    /** The delegate's own {@code nextValue()} would bypass {@link #nextToken()}. */
    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    Optional<JsonLocation> keyAt(JsonPointer pointer) {
        return Optional.ofNullable(keys.get(pointer));
    }

    /** A YAML alias was read; the message is the alias as written. */
    static final class AliasException extends JsonParseException {
        AliasException(JsonParser parser, String alias) {
            super(parser, alias);
        }
    }
}
