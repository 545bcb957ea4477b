package io.tessera.catalog.spi.tree;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeLayout;
import io.tessera.catalog.spi.AttributeNames;
import io.tessera.catalog.spi.AttributeStorage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Attributes as GeoTrellis's file and Hadoop attribute stores keep them: one file per attribute in
 * one directory, named by {@link AttributeNames}, a layer's definition in the one {@code metadata}
 * blob.
 */
public final class TreeAttributeStorage implements AttributeStorage {

    private final FileTree tree;
    private final String dir;
    private final AttributeNames names;

    /**
     * @param dir the attribute directory, relative to the catalog root
     */
    public TreeAttributeStorage(FileTree tree, String dir, AttributeNames names) {
        this.tree = tree;
        this.dir = dir;
        this.names = names;
    }

    /** The path of one attribute's file. */
    String path(LayerId id, String attribute) {
        return dir + "/" + names.name(id, attribute);
    }

    /** The attribute directory. */
    String dir() {
        return dir;
    }

    @Override
    public AttributeLayout layout() {
        return AttributeLayout.BLOB;
    }

    @Override
    public Optional<byte[]> read(LayerId id, String attribute) {
        return tree.read(path(id, attribute));
    }

    @Override
    public void write(LayerId id, String attribute, byte[] document) {
        tree.write(path(id, attribute), document);
    }

    @Override
    public boolean delete(LayerId id, String attribute) {
        return tree.delete(path(id, attribute));
    }

    @Override
    public List<String> attributes(LayerId id) {
        List<String> out = new ArrayList<>();
        String prefix = names.prefix(id);
        for (String f : tree.list(dir)) {
            if (f.startsWith(prefix)) {
                names.parse(f).filter(p -> p.layer().equals(id)).ifPresent(p -> out.add(p.attribute()));
            }
        }
        return out;
    }

    @Override
    public Set<LayerId> layersWith(String attribute) {
        Set<LayerId> ids = new HashSet<>();
        for (String f : tree.list(dir)) {
            names.parse(f).filter(p -> p.attribute().equals(attribute)).ifPresent(p -> ids.add(p.layer()));
        }
        return ids;
    }
}
