package io.tessera.catalog.backend.file;

import io.tessera.catalog.spi.tree.FileTree;
import io.tessera.catalog.testkit.FileTreeContractSuite;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The file tree contract on a local directory. */
class LocalTreeContractTest extends FileTreeContractSuite {

    @TempDir
    Path dir;

    private int trees;

    @Override
    protected FileTree newTree() {
        return new LocalTree(dir.resolve("tree-" + ++trees));
    }
}
