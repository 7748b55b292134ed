package org.ssewatch.share.runs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.ssewatch.share.RunMetadata;
import org.ssewatch.share.SavedRun;

/**
 * The hub's runs: one run directory per run under {@code DATA/runs/ID}. Every run already there is
 * listed at start, from its run.json only; a directory that is not a readable run is said once to
 * the notices and left alone (never deleted).
 */
public final class RunStore {
    private final Path runsDir;
    private final RunIds ids = new RunIds();
    /** By id, which sorts by start. */
    private final ConcurrentSkipListMap<String, HubRun> runs = new ConcurrentSkipListMap<>();

    private RunStore(Path runsDir) {
        this.runsDir = runsDir;
    }

    /**
     * Opens (making it when missing) the store in {@code dataDir}.
     *
     * @throws IOException with a sentence for the user when {@code dataDir} cannot be read or made
     */
    public static RunStore open(Path dataDir, Consumer<String> notices) throws IOException {
        Path runsDir = dataDir.resolve("runs");
        try {
            Files.createDirectories(runsDir);
        } catch (IOException e) {
            throw new IOException("cannot make " + runsDir + " (" + e.getMessage() + ")", e);
        }
        RunStore store = new RunStore(runsDir);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runsDir)) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                if (!RunIds.isId(id) || !Files.isDirectory(dir)) {
                    continue;
                }
                try {
                    RunMetadata m = SavedRun.metadata(dir);
                    store.runs.put(id, HubRun.saved(id, dir, m));
                } catch (IOException | RuntimeException e) {
                    notices.accept("run " + id + " is not listed: " + e.getMessage());
                }
            }
        }
        return store;
    }

    /** A new run's id and directory (not yet made), ids strictly increasing within this store. */
    synchronized Reserved reserve(Instant start) {
        String id = ids.next(start);
        String last = runs.isEmpty() ? null : runs.lastKey();
        while (last != null && id.compareTo(last) <= 0 || runs.containsKey(id)) {
            start = start.plusMillis(1);
            id = ids.next(start);
        }
        return new Reserved(id, runsDir.resolve(id));
    }

    record Reserved(String id, Path dir) {
    }

    void add(HubRun run) {
        runs.put(run.id(), run);
    }

    public Optional<HubRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** Running runs first, then the others; newest first within each. */
    public List<HubRun> list() {
        List<HubRun> all = new ArrayList<>(runs.descendingMap().values());
        all.sort(Comparator.comparing((HubRun r) -> !r.running()));
        return all;
    }

    /** Finished runs, oldest first. */
    List<HubRun> finishedOldestFirst() {
        return runs.values().stream().filter(r -> !r.running()).toList();
    }

    /** The bytes all runs' directories hold now (--max-disk). */
    long diskBytes() {
        return runs.values().stream().mapToLong(HubRun::diskBytes).sum();
    }

    /** Forgets {@code run} and deletes its directory. */
    void remove(HubRun run) throws IOException {
        runs.remove(run.id());
        run.close();
        deleteTree(run.dir());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    void closeAll() {
        runs.values().forEach(HubRun::close);
    }
}
