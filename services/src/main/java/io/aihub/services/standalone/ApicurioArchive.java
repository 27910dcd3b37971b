package io.aihub.services.standalone;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Finds the Apicurio Registry server archive in the local Maven repository and unpacks it once into a cache. */
public final class ApicurioArchive {

    /** System property, then environment variable, naming the archive explicitly. */
    public static final String ARCHIVE_SETTING = "AIHUB_APICURIO_ARCHIVE";

    /** System property, then environment variable, naming the unpack cache (default {@code ~/.cache/aihub}). */
    public static final String CACHE_SETTING = "AIHUB_CACHE_DIR";

    private static final String DEFAULT_RELATIVE_PATH = "io/apicurio/apicurio-registry-app/" + ApicurioServer.VERSION
            + "/apicurio-registry-app-" + ApicurioServer.VERSION + "-all.tar.gz";

    private ApicurioArchive() {}

    /**
     * The archive named by {@value #ARCHIVE_SETTING}, else the one in the local Maven repository
     * ({@code maven.repo.local} or {@code ~/.m2/repository}).
     *
     * @throws InfrastructureException if it does not exist, with the Maven command that fetches it
     */
    public static Path locate() {
        String explicit = setting(ARCHIVE_SETTING);
        Path archive;
        if (explicit != null && !explicit.isBlank()) {
            archive = Path.of(explicit);
        } else {
            String repo = System.getProperty("maven.repo.local");
            Path root = repo != null && !repo.isBlank()
                    ? Path.of(repo)
                    : Path.of(System.getProperty("user.home"), ".m2", "repository");
            archive = root.resolve(DEFAULT_RELATIVE_PATH);
        }
        if (!Files.isRegularFile(archive)) {
            throw new InfrastructureException("Apicurio Registry server archive not found at " + archive
                    + "; fetch it with: mvn dependency:get -Dartifact=io.apicurio:apicurio-registry-app:"
                    + ApicurioServer.VERSION + ":tar.gz:all -Dtransitive=false (or set " + ARCHIVE_SETTING + ")");
        }
        return archive;
    }

    /** The directory holding {@code quarkus-run.jar}, unpacking the archive into the cache on first use. */
    static Path unpacked(Path archive, String version) throws IOException {
        String cache = setting(CACHE_SETTING);
        Path cacheRoot = cache != null && !cache.isBlank()
                ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "aihub");
        Path target = cacheRoot.resolve("apicurio-" + version);
        if (Files.isRegularFile(target.resolve("quarkus-run.jar"))) {
            return target;
        }
        Files.createDirectories(cacheRoot);
        Path temp = Files.createTempDirectory(cacheRoot, "apicurio-" + version + ".unpacking-");
        try {
            untar(archive, temp);
            if (!Files.isRegularFile(temp.resolve("quarkus-run.jar"))) {
                throw new InfrastructureException(
                        archive + " holds no quarkus-run.jar: not an Apicurio server archive");
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another JVM unpacked it concurrently: use theirs
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + temp + " to " + target, e);
            }
        } finally {
            DirectoryTrees.deleteIfExists(temp);
        }
        return target;
    }

    private static void untar(Path archive, Path into) throws IOException {
        var tar = new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", into.toString())
                .redirectErrorStream(true)
                .start();
        String output;
        try (var in = tar.getInputStream()) {
            output = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            if (!tar.waitFor(5, TimeUnit.MINUTES)) {
                tar.destroyForcibly();
                throw new IOException("tar did not finish unpacking " + archive + " within 5 minutes");
            }
        } catch (InterruptedException e) {
            tar.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unpacking " + archive, e);
        }
        if (tar.exitValue() != 0) {
            throw new IOException("tar failed (" + tar.exitValue() + ") unpacking " + archive + ": " + output);
        }
    }

    private static @Nullable String setting(String name) {
        String property = System.getProperty(name);
        return property != null ? property : System.getenv(name);
    }
}
