package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.platform.Capability;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which checks need which SPI operation, read from the checks' own code: the method references in the class files
 * of a check, its nested classes and the harness's helpers it uses ({@code suites..} and {@code check..}, but not a
 * delegate that implements an SPI type, which references every operation). So {@code preflight} can say which checks
 * need a capability, without a list kept by hand that drifts from the code.
 *
 * <pre>{@code
 * List<String> needingPolicies = CheckNeeds.of(catalog.checks()).checksNeeding(networkPoliciesEnforced);
 * }</pre>
 */
public final class CheckNeeds {

    private static final String HARNESS = "nl/logius/platformacceptance/";
    private static final List<String> FOLLOWED = List.of(HARNESS + "suites/", HARNESS + "check/");
    private static final String SPI = HARNESS + "platform/";

    private final Map<String, Set<Capability.Operation>> operationsOfCheck;

    private CheckNeeds(Map<String, Set<Capability.Operation>> operationsOfCheck) {
        this.operationsOfCheck = operationsOfCheck;
    }

    public static CheckNeeds of(List<CheckDescriptor> checks) {
        Map<String, Set<Capability.Operation>> operations = new LinkedHashMap<>();
        Map<String, Set<String>> referencesOfClass = new LinkedHashMap<>();
        for (CheckDescriptor check : checks) {
            Set<String> methods = new HashSet<>();
            Deque<String> toRead = new ArrayDeque<>(List.of(internalName(check.testClass())));
            Set<String> read = new HashSet<>();
            while (!toRead.isEmpty()) {
                String type = toRead.poll();
                if (!read.add(type)) {
                    continue;
                }
                Set<String> references = referencesOfClass.computeIfAbsent(type, CheckNeeds::references);
                for (String reference : references) {
                    if (reference.startsWith("method ")) {
                        methods.add(reference.substring("method ".length()));
                    } else if (followed(reference, internalName(check.testClass()))) {
                        toRead.add(reference);
                    }
                }
            }
            Set<Capability.Operation> used = new HashSet<>();
            for (Capability.Operation operation : Capability.Operation.values()) {
                if (operation.owner() == null || methods.contains(internalName(operation.owner()) + "." + operation.method())) {
                    used.add(operation);
                }
            }
            operations.put(check.id(), used);
        }
        return new CheckNeeds(operations);
    }

    /** The ids of the checks that need a capability: those using any operation it serves. */
    public List<String> checksNeeding(Capability capability) {
        return operationsOfCheck.keySet().stream().filter(check -> capability.neededFor().stream()
                .anyMatch(operation -> operationsOfCheck.get(check).contains(operation))).toList();
    }

    /** A harness class to read as part of a check: its own nested classes, and helpers that delegate to no SPI type. */
    private static boolean followed(String type, String check) {
        if (type.startsWith(check + "$")) {
            return true;
        }
        if (FOLLOWED.stream().noneMatch(type::startsWith)) {
            return false;
        }
        try {
            Class<?> helper = Class.forName(type.replace('/', '.'), false, CheckNeeds.class.getClassLoader());
            return Arrays.stream(helper.getInterfaces()).noneMatch(i -> internalName(i).startsWith(SPI));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    /**
     * The classes ({@code pkg/Name}) and methods ({@code method pkg/Owner.name}) a class file's constant pool names
     * (JVMS 4.4): calls, method references of lambdas, and the classes they belong to.
     */
    static Set<String> references(String type) {
        Set<String> found = new HashSet<>();
        try (InputStream in = CheckNeeds.class.getClassLoader().getResourceAsStream(type + ".class")) {
            if (in == null) {
                return found;
            }
            DataInputStream data = new DataInputStream(in);
            data.skipBytes(8); // magic, minor and major version
            int count = data.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNames = new int[count];
            List<int[]> methodRefs = new ArrayList<>();
            int[][] nameAndTypes = new int[count][];
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = data.readUTF();
                    case 7 -> classNames[i] = data.readUnsignedShort();
                    case 10, 11 -> methodRefs.add(new int[]{data.readUnsignedShort(), data.readUnsignedShort()});
                    case 12 -> nameAndTypes[i] = new int[]{data.readUnsignedShort(), data.readUnsignedShort()};
                    case 9, 17, 18 -> data.skipBytes(4);
                    case 3, 4 -> data.skipBytes(4);
                    case 5, 6 -> {
                        data.skipBytes(8);
                        i++; // a long or double takes two entries
                    }
                    case 8, 16, 19, 20 -> data.skipBytes(2);
                    case 15 -> data.skipBytes(3);
                    default -> throw new IOException("unknown constant pool tag " + tag + " in " + type);
                }
            }
            for (int i = 1; i < count; i++) {
                if (classNames[i] != 0 && utf8[classNames[i]] != null) {
                    found.add(utf8[classNames[i]]);
                }
            }
            for (int[] reference : methodRefs) {
                String owner = utf8[classNames[reference[0]]];
                String name = utf8[nameAndTypes[reference[1]][0]];
                found.add("method " + owner + "." + name);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the class file of " + type + ": " + e.getMessage(), e);
        }
        return found;
    }
}
