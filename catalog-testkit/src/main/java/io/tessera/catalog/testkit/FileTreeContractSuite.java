package io.tessera.catalog.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.WriterIdentity;
import io.tessera.catalog.spi.tree.FileTree;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link FileTree} promises the core's tree engine (attributes, commits, staging), asserted
 * once and run by every backend that keeps its catalog as a tree of files: extend it and return a
 * tree over a fresh, empty directory from {@link #newTree()}.
 */
public abstract class FileTreeContractSuite {

    private FileTree tree;

    /** A tree over a new, empty directory. Called once per test. */
    protected abstract FileTree newTree();

    @BeforeEach
    void open() {
        tree = newTree();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void filesAreWrittenReadReplacedAndDeleted() {
        assertTrue(tree.read("a/b.json").isEmpty());
        assertFalse(tree.exists("a/b.json"));
        tree.write("a/b.json", bytes("one"));
        assertArrayEquals(bytes("one"), tree.read("a/b.json").orElseThrow());
        tree.write("a/b.json", bytes("two, longer"));
        assertArrayEquals(bytes("two, longer"), tree.read("a/b.json").orElseThrow());
        assertTrue(tree.exists("a/b.json"));
        assertTrue(tree.modified("a/b.json").orElseThrow().isAfter(Instant.now().minus(Duration.ofMinutes(5))));
        assertTrue(tree.delete("a/b.json"));
        assertFalse(tree.delete("a/b.json"));
        assertTrue(tree.modified("a/b.json").isEmpty());
    }

    @Test
    void createIfAbsentWritesOnce() {
        assertTrue(tree.writeIfAbsent("m.json", bytes("first")));
        assertFalse(tree.writeIfAbsent("m.json", bytes("second")));
        assertArrayEquals(bytes("first"), tree.read("m.json").orElseThrow());
    }

    @Test
    void listingShowsFilesAndDirectoriesButNotTemporaryFiles() {
        assertEquals(List.of(), tree.list("none"));
        tree.write("d/x.json", bytes("x"));
        tree.write("d/y.json", bytes("y"));
        tree.write("d/sub/z", bytes("z"));
        tree.write("d/x.json", bytes("x again"));
        assertEquals(new TreeSet<>(List.of("x.json", "y.json", "sub")), new TreeSet<>(tree.list("d")));
    }

    @Test
    void directoriesAreRenamedWholeAndDeletedWhole() {
        tree.write("s/1", bytes("1"));
        tree.write("s/2", bytes("2"));
        tree.rename("s", "deep/er/t");
        assertEquals(new TreeSet<>(List.of("1", "2")), new TreeSet<>(tree.list("deep/er/t")));
        assertFalse(tree.exists("s"));
        tree.write("u/1", bytes("1"));
        assertThrows(CatalogIOException.class, () -> tree.rename("u", "deep/er/t"), "the target exists");
        tree.deleteTree("deep");
        assertFalse(tree.exists("deep/er/t/1"));
        tree.deleteTree("never-was");
    }

    @Test
    void theLockIsExclusiveAcrossThreads() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        try (FileTree.Lock held = tree.lock("attrs/.commit.lock")) {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            ChildJvm.pause(1);
                            inside.decrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, most.get(), "never two holders at once");
    }

    @Test
    void aLockLeftByADeadWriterIsTakenOver() throws Exception {
        WriterIdentity dead = new WriterIdentity(WriterIdentity.localHost(), 1L << 40, null);
        tree.write("attrs/.commit.lock", bytes(dead + "\n"));
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            one.submit(() -> {
                tree.lock("attrs/.commit.lock").close();
                return null;
            }).get(30, TimeUnit.SECONDS);
        } finally {
            one.shutdownNow();
        }
    }
}
