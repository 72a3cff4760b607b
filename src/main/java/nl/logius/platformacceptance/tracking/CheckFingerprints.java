package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.verdict.CheckFingerprint;
import nl.logius.platformacceptance.verdict.CheckFingerprint.CriterionFingerprint;
import nl.logius.platformacceptance.verdict.CheckFingerprint.ParameterView;
import nl.logius.platformacceptance.verdict.CheckFingerprint.ThresholdView;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes the fingerprint of a check for {@code verdicts.json}: the SHA-256 of its class's bytecode (with every
 * class nested in it: member, local and anonymous classes, lambdas live in the class itself) as read from the
 * classpath, and the criteria of the knelpunten it verifies as the run used them (target overrides applied).
 *
 * <p>The code version is the check class only: helpers outside it (drivers, probes, statistics) are covered by
 * the harness commit that {@code verdicts.json} records as well. Bytecode, not source, because the source is
 * not on the classpath; the same source compiled by another compiler version may hash differently, which
 * {@code compare} reports as a change of code worth a look, never as a weakening.
 */
public final class CheckFingerprints {

    private CheckFingerprints() {
    }

    public static CheckFingerprint of(Class<?> checkClass, List<String> knelpunten, Register register) {
        List<Class<?>> classes = Arrays.stream(checkClass.getNestHost().getNestMembers())
                .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
        MessageDigest code = sha256();
        for (Class<?> type : classes) {
            code.update(type.getName().getBytes(StandardCharsets.UTF_8));
            code.update(bytecode(type));
        }
        Map<String, CriterionFingerprint> criteria = new TreeMap<>();
        for (String id : knelpunten) {
            register.find(id).ifPresent(knelpunt -> criteria.put(id, criterion(knelpunt)));
        }
        String codeHash = "sha256:" + HexFormat.of().formatHex(code.digest());
        List<String> names = classes.stream().map(Class::getName).toList();
        return new CheckFingerprint(codeHash, names, criteria, digest(codeHash, names, criteria));
    }

    static CriterionFingerprint criterion(Knelpunt knelpunt) {
        return new CriterionFingerprint(knelpunt.criterion(),
                knelpunt.thresholds().stream().map(t -> new ThresholdView(t.name(), t.comparison().symbol(), t.value(),
                        t.unit().symbol())).toList(),
                knelpunt.parameters().stream().map(p -> new ParameterView(p.name(), p.values(), p.unit().symbol())).toList());
    }

    private static String digest(String code, List<String> classes, Map<String, CriterionFingerprint> criteria) {
        try {
            // Records and a sorted map serialize in a fixed order: the same content always gives the same text.
            String canonical = Mappers.JSON.writeValueAsString(List.of(code, classes, criteria));
            return "sha256:" + HexFormat.of().formatHex(sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a fingerprint", e);
        }
    }

    private static byte[] bytecode(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bytecode of " + type.getName() + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bytecode of " + type.getName(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
