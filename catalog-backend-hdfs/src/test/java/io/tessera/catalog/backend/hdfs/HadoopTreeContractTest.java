package io.tessera.catalog.backend.hdfs;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tessera.catalog.spi.tree.FileTree;
import io.tessera.catalog.testkit.FileTreeContractSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file tree contract on a real HDFS (MiniDFSCluster) and on Hadoop's local file system. */
class HadoopTreeContractTest {

    private static FileTree tree(String uri) {
        try {
            Configuration conf = new Configuration();
            FileSystem fs = FileSystem.newInstance(URI.create(uri), conf);
            return new HadoopTree(fs, new org.apache.hadoop.fs.Path(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class OnHdfs extends FileTreeContractSuite {
        @Override
        protected FileTree newTree() {
            return tree(HdfsTestServer.get().newDirectory());
        }

        @Test
        void aLockFileAnotherClientIsStillWritingIsHeldNotAnError() throws Exception {
            String dir = HdfsTestServer.get().newDirectory();
            FileTree tree = tree(dir);
            org.apache.hadoop.fs.Path lockFile = new org.apache.hadoop.fs.Path(dir, "commit.lock");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (FileSystem other = FileSystem.newInstance(URI.create(dir), new Configuration())) {
                Future<?> taking;
                try (FSDataOutputStream halfWritten = other.create(lockFile, false)) {
                    taking = pool.submit(() -> {
                        try (FileTree.Lock lock = tree.lock("commit.lock")) {
                            return null;
                        }
                    });
                    Thread.sleep(500);
                    assertFalse(taking.isDone(), "the lock is taken while another client is creating it");
                }
                other.delete(lockFile, false);
                taking.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class OnTheLocalFileSystem extends FileTreeContractSuite {
        @TempDir
        Path dir;

        private int trees;

        @Override
        protected FileTree newTree() {
            return tree(dir.resolve("tree-" + ++trees).toUri().toString());
        }
    }
}
