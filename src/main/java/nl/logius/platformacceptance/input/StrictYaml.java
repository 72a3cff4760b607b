package nl.logius.platformacceptance.input;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads one YAML document into a shape record, strictly, for the register, target profiles and waivers.
 * Every problem becomes a {@link BadInputException} at the {@code file:line:column} where it is (1-based):
 * a syntax error, an empty file, a second document, a duplicate key, an unknown field, a missing
 * {@link Required} field, a null, or a value of the wrong type (no text read as a number or the reverse,
 * no fraction read as a whole number, no single value read as a list).
 *
 * <p>A shape is a record whose fields are all {@link Located}, so that validation after parsing can point
 * at any value. Its name in messages is the record's name without the suffix {@code Yaml}:
 * <pre>{@code
 * record ThresholdYaml(@Required Located<String> name, @Required Located<Double> value,
 *                      Located<String> description) {}
 *
 * ThresholdYaml threshold = StrictYaml.read(file, ThresholdYaml.class);
 * if (threshold.value().value() < 0) throw threshold.value().problem("negative value; expected ...");
 * }</pre>
 * A field that may be written as {@code null} (meaning "absent") carries
 * {@code @JsonSetter(nulls = Nulls.SKIP)}; a field's {@code @JsonPropertyDescription} replaces its type in
 * "expected ..." messages.
 */
public final class StrictYaml {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // Null items in lists and maps fail here; null fields are found by RequiredFields, with a position.
            .defaultSetterInfo(JsonSetter.Value.construct(Nulls.DEFAULT, Nulls.FAIL))
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, config -> config
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, config -> config
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, config -> config
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .addModule(new LocatedModule())
            .addModule(new JavaTimeModule())
            .build();

    /** Far above any real register, profile or waivers file, far below what would make reading slow. */
    static final long MAX_BYTES = 1024 * 1024;

    private StrictYaml() {
    }

    /** Reads {@code file}; a file that does not exist or cannot be read is bad input too. */
    public static <T extends Record> T read(Path file, Class<T> shape) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // Checked first: reading a FIFO waits for a writer forever, and a device may never end.
            throw BadInputException.inFile(file, "cannot read: " + (Files.isDirectory(file) ? "a folder" : "not a regular file")
                    + "; expected a readable YAML file");
        }
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            throw BadInputException.inFile(file, "cannot read: a symbolic link to " + linkTarget(file)
                    + ", which does not exist; expected a readable YAML file");
        }
        String text;
        try {
            long size = Files.isRegularFile(file) ? Files.size(file) : 0;
            if (size > MAX_BYTES) {
                // The YAML scanner slows down more than linearly on long lines: a 20 MB file took minutes.
                throw BadInputException.inFile(file, "too large: " + size + " bytes; expected a YAML file of at most "
                        + MAX_BYTES / 1024 + " KiB (a register or profile is a few KiB)");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw BadInputException.inFile(file, "cannot read: no such file; expected a readable YAML file");
        } catch (CharacterCodingException e) {
            throw BadInputException.inFile(file, "cannot read: not UTF-8 text; expected a readable YAML file");
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); expected a readable YAML file");
        }
        return parse(text, file, shape);
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a path that cannot be read";
        }
    }

    /**
     * Reads a resource of the jar, such as the embedded {@code suites/targets/local.yaml}; messages name it
     * {@link #resourceSource(String) classpath:<resource>}.
     */
    public static <T extends Record> T readResource(String resource, Class<T> shape) {
        Path source = resourceSource(resource);
        try (InputStream in = StrictYaml.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw BadInputException.inFile(source, "cannot read: not in the jar; expected the harness to be "
                        + "built with its suites folder");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source, shape);
        } catch (IOException e) {
            throw BadInputException.inFile(source, "cannot read (" + e.getMessage() + "); expected a readable YAML file");
        }
    }

    /** The name a resource goes by in messages and provenance: {@code classpath:suites/knelpunten.yaml}. */
    public static Path resourceSource(String resource) {
        return Path.of("classpath:" + resource);
    }

    /** Parses {@code text} that came from {@code source} (a file, or a classpath resource's name). */
    public static <T extends Record> T parse(String text, Path source, Class<T> shape) {
        ObjectReader reader = MAPPER.readerFor(MAPPER.getTypeFactory().constructParametricType(Located.class, shape))
                .withAttribute(LocatedModule.FILE, source);
        try (KeyTrackingParser parser = new KeyTrackingParser(MAPPER.createParser(text))) {
            YamlProblems problems = new YamlProblems(source, parser, shape);
            try {
                if (parser.nextToken() == null) {
                    throw problems.at(parser.currentLocation(), "the file is empty; expected "
                            + Shapes.describeShape(shape));
                }
                Located<T> document = reader.readValue(parser);
                if (document.value() == null) {
                    throw document.problem("the document is null; expected " + Shapes.describeShape(shape));
                }
                if (parser.nextToken() != null) {
                    throw problems.at(parser.currentTokenLocation(), "a second YAML document starts here; "
                            + "expected exactly one document per file (remove the '---' and what follows it)");
                }
                RequiredFields.check(document);
                return document.value();
            } catch (JacksonException e) {
                throw problems.translate(e);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading YAML from memory failed", e); // no I/O happens here
        }
    }
}
