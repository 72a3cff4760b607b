package nl.logius.platformacceptance.probe;

import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.probe.workload.ProbeMain;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the probe image is made of, from files on this machine only (no registry is reachable): a Java runtime
 * cut down with jlink, the shared libraries it needs (as {@code ldd} lists them), the probe's classes, and the
 * image's configuration (entry point, environment, labels, user). {@link ProbeImageBuild} turns it into an
 * image with Jib. Its {@link #tag()} is a hash of all of that, so that an unchanged probe is built once and
 * reused by every later run.
 */
public final class ProbeImageContext {

    public static final String REPOSITORY = "localhost/platform-acceptance/probe";
    static final String MODULES = "java.base,jdk.httpserver,java.logging,jdk.crypto.ec,jdk.unsupported";
    /**
     * No class data sharing archive: JDK 17 dumps a different one each time (jlink's {@code --generate-cds-archive}
     * too), which would give every build another digest; the probe answers as fast without (measured: some 0.65 s
     * from container start to {@code /health} either way).
     */
    static final List<String> ENTRYPOINT = List.of("/opt/java/bin/java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData", "-Xshare:off", "-Xss512k", "-XX:MaxRAMPercentage=50", "-cp", "/opt/probe/classes",
            ProbeMain.class.getName());
    static final Map<String, String> ENVIRONMENT = new TreeMap<>(Map.of("PATH", "/opt/java/bin", "JAVA_HOME", "/opt/java"));
    static final Map<String, String> LABELS = new TreeMap<>(Map.of("platform-acceptance.image", "probe"));
    /**
     * Who the image runs as when the platform assigns no one: not root, and group 0, the group OpenShift gives its
     * arbitrary UIDs. The local platform and OpenShift run it under another UID; nothing in it depends on this one.
     */
    static final String USER = "1001:0";
    /** Changes whenever the way the image is put together changes, so that an older image is never reused. */
    private static final String LAYOUT = "jib layers: libraries, java runtime (jlink, serial collector), probe classes; OCI";
    private static final String PROBE_PACKAGE = ProbeMain.class.getPackageName().replace('.', '/');
    private static final Pattern LDD_LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private final Map<String, byte[]> probeClasses;
    private final String tag;

    private ProbeImageContext(Map<String, byte[]> probeClasses) {
        this.probeClasses = probeClasses;
        this.tag = hash();
    }

    /** The context for the probe classes this harness was built with. */
    public static ProbeImageContext current() {
        return new ProbeImageContext(readProbeClasses());
    }

    /** {@code localhost/platform-acceptance/probe:<hash>}. */
    public String imageName() {
        return REPOSITORY + ":" + tag;
    }

    public String tag() {
        return tag;
    }

    /**
     * Writes {@code rootfs/} (runtime, libraries, classes) into {@code dir}. Takes some seconds: jlink.
     *
     * @return the rootfs folder
     */
    public Path writeRootfs(Path dir) {
        Path rootfs = dir.resolve("rootfs");
        try {
            Path runtime = rootfs.resolve("opt/java");
            Files.createDirectories(runtime.getParent());
            jlink(runtime);
            copyLibraries(runtime, rootfs);
            for (Map.Entry<String, byte[]> entry : probeClasses.entrySet()) {
                Path file = rootfs.resolve("opt/probe/classes").resolve(entry.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, entry.getValue());
            }
            Files.createDirectories(rootfs.resolve("tmp"));
            return rootfs;
        } catch (IOException e) {
            throw new PlatformException("cannot assemble the probe image in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs this JDK's jlink as a process of its own with the serial collector: jlink's {@code lib/modules} differs
     * with the collector of the JVM that runs it (and the default collector differs from machine to machine), so
     * that an in-process jlink would give the same probe another digest in another JVM.
     */
    private static void jlink(Path output) {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        if (!Files.isExecutable(jlink)) {
            throw new PlatformException("cannot build the probe image: this Java runtime has no jlink (" + jlink
                    + "); run the harness with a JDK 17");
        }
        Process process = null;
        try {
            process = new ProcessBuilder(jlink.toString(), "-J-XX:+UseSerialGC", "--add-modules", MODULES,
                    "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2", "--output", output.toString())
                    .redirectErrorStream(true).start();
            String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new PlatformException("jlink failed (exit " + exit + "): " + log.strip());
            }
        } catch (IOException e) {
            throw new PlatformException("cannot run jlink: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while running jlink", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly(); // interrupted: no jlink is left running
            }
        }
    }

    /** Copies every shared library the runtime links against, at the same path inside the rootfs. */
    private static void copyLibraries(Path runtime, Path rootfs) throws IOException {
        List<Path> binaries = new ArrayList<>();
        binaries.add(runtime.resolve("bin/java"));
        try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
            files.filter(file -> file.toString().endsWith(".so")).forEach(binaries::add);
        }
        Set<String> libraries = new TreeSet<>();
        for (Path binary : binaries) {
            libraries.addAll(ldd(binary));
        }
        for (String library : libraries) {
            Path target = rootfs.resolve(library.substring(1));
            Files.createDirectories(target.getParent());
            // Copy the file a symlink points to, under the symlink's name: the loader asks for that name.
            Files.copy(Path.of(library).toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Set<String> ldd(Path binary) throws IOException {
        Process process = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ldd", e);
        }
        Set<String> libraries = new TreeSet<>();
        for (String line : output.split("\n")) {
            if (line.contains("=>") && !line.contains("=> /")) {
                continue; // "not found" or a vdso: nothing to copy
            }
            Matcher matcher = LDD_LIBRARY.matcher(line);
            if (matcher.find() && !matcher.group(1).startsWith(binary.getParent().getParent().toString())) {
                libraries.add(matcher.group(1));
            }
        }
        return libraries;
    }

    private String hash() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String configuration = String.join("\n", LAYOUT, String.valueOf(ENTRYPOINT), String.valueOf(ENVIRONMENT),
                    String.valueOf(LABELS), USER);
            sha256.update(configuration.getBytes(StandardCharsets.UTF_8));
            sha256.update((MODULES + Runtime.version()).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> entry : probeClasses.entrySet()) {
                sha256.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                sha256.update(entry.getValue());
            }
            return HexFormat.of().formatHex(sha256.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class files of the probe's package, from a classes folder or from the harness's jar. */
    private static Map<String, byte[]> readProbeClasses() {
        URL location = ProbeMain.class.getProtectionDomain().getCodeSource().getLocation();
        try {
            Path root = Path.of(location.toURI());
            if (Files.isDirectory(root)) {
                return readClasses(root);
            }
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                return readClasses(jar.getPath("/"));
            }
        } catch (IOException | URISyntaxException e) {
            throw new PlatformException("cannot read the probe's classes from " + location, e);
        }
    }

    private static Map<String, byte[]> readClasses(Path root) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        Path packageDir = root.resolve(PROBE_PACKAGE);
        try (Stream<Path> files = Files.list(packageDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    classes.put(PROBE_PACKAGE + "/" + file.getFileName(), in.readAllBytes());
                }
            }
        }
        if (classes.isEmpty()) {
            throw new IOException("no probe classes under " + packageDir);
        }
        return classes;
    }
}
