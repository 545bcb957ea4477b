package io.tessera.catalog.backend.file;

import io.tessera.catalog.CatalogIOException;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.ConditionalAttributeWrites;
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
 * {@code <catalog>/attributes/<name>__.__<zoom>__.__<attribute>.json}, one file per attribute.
 */
final class FileAttributeStorage implements AttributeStorage, ConditionalAttributeWrites {

    static final String SEP = "__.__";
    private static final String SUFFIX = ".json";

    private final Path dir;

    FileAttributeStorage(Path catalogRoot) {
        this.dir = catalogRoot.resolve("attributes");
    }

    Path file(LayerId id, String attribute) {
        return dir.resolve(id.name() + SEP + id.zoom() + SEP + attribute + SUFFIX);
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
    public boolean writeIfAbsent(LayerId id, String attribute, byte[] document) {
        return AtomicFiles.writeIfAbsent(file(id, attribute), document);
    }

    @Override
    public boolean delete(LayerId id, String attribute) {
        return AtomicFiles.delete(file(id, attribute));
    }

    @Override
    public List<String> attributes(LayerId id) {
        String prefix = id.name() + SEP + id.zoom() + SEP;
        List<String> names = new ArrayList<>();
        for (String f : list(prefix + "*" + SUFFIX)) {
            String attr = f.substring(prefix.length(), f.length() - SUFFIX.length());
            // A name like "a__.__3__.__x" is a longer layer name's file, not an attribute of this layer.
            if (!attr.contains(SEP)) {
                names.add(attr);
            }
        }
        return names;
    }

    @Override
    public Set<LayerId> layersWith(String attribute) {
        String suffix = SEP + attribute + SUFFIX;
        Set<LayerId> ids = new HashSet<>();
        for (String f : list("*" + suffix)) {
            parse(f.substring(0, f.length() - suffix.length())).ifPresent(ids::add);
        }
        return ids;
    }

    /** {@code name__.__zoom} → id; foreign files that do not fit are ignored rather than failing the listing. */
    private static Optional<LayerId> parse(String nameAndZoom) {
        int i = nameAndZoom.lastIndexOf(SEP);
        if (i <= 0) {
            return Optional.empty();
        }
        try {
            int zoom = Integer.parseInt(nameAndZoom.substring(i + SEP.length()));
            return zoom < 0 ? Optional.empty() : Optional.of(new LayerId(nameAndZoom.substring(0, i), zoom));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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
            throw new CatalogIOException("cannot list " + dir + ": " + e, e);
        }
        return out;
    }
}
