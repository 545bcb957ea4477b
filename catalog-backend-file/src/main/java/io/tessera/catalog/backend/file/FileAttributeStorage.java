package io.tessera.catalog.backend.file;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeLayout;
import io.tessera.catalog.spi.AttributeNames;
import io.tessera.catalog.spi.AttributeStorage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Attributes as GeoTrellis's {@code FileAttributeStore} keeps them:
 * {@code <catalog>/attributes/<name>__.__<zoom>__.__<attribute>.json}, one file per attribute, a
 * layer's definition in the one {@code metadata} blob.
 */
final class FileAttributeStorage implements AttributeStorage {

    private static final String SEP = "__.__";
    private static final String SUFFIX = ".json";
    static final AttributeNames NAMES = AttributeNames.layerFirst(SEP, SUFFIX);

    private final Path dir;

    FileAttributeStorage(Path catalogRoot) {
        this.dir = catalogRoot.resolve("attributes");
    }

    Path dir() {
        return dir;
    }

    Path file(LayerId id, String attribute) {
        return dir.resolve(NAMES.name(id, attribute));
    }

    @Override
    public AttributeLayout layout() {
        return AttributeLayout.BLOB;
    }

    @Override
    public Optional<byte[]> read(LayerId id, String attribute) {
        return AtomicFiles.read(file(id, attribute));
    }

    @Override
    public void write(LayerId id, String attribute, byte[] document) {
        AtomicFiles.write(file(id, attribute), document);
    }

    @Override
    public boolean delete(LayerId id, String attribute) {
        return AtomicFiles.delete(file(id, attribute));
    }

    @Override
    public List<String> attributes(LayerId id) {
        List<String> names = new ArrayList<>();
        for (String f : list(NAMES.prefix(id) + "*")) {
            NAMES.parse(f).filter(p -> p.layer().equals(id)).ifPresent(p -> names.add(p.attribute()));
        }
        return names;
    }

    @Override
    public Set<LayerId> layersWith(String attribute) {
        Set<LayerId> ids = new HashSet<>();
        for (String f : list("*" + SEP + attribute + SUFFIX)) {
            NAMES.parse(f).filter(p -> p.attribute().equals(attribute)).ifPresent(p -> ids.add(p.layer()));
        }
        return ids;
    }

    private List<String> list(String glob) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.startsWith(AtomicFiles.TEMP_PREFIX)) {
                    out.add(n);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new CatalogIOException("cannot list " + dir + ": " + AtomicFiles.reason(e), e);
        }
        return out;
    }
}
