package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.spi.tree.FileTree;
import io.tessera.catalog.testkit.FileTreeContractSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Nested;
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
