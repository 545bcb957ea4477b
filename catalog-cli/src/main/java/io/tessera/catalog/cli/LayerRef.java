package io.tessera.catalog.cli;

import picocli.CommandLine.Parameters;

/** The {@code URI NAME ZOOM} that commands about one layer start with. */
final class LayerRef {

    @Parameters(index = "0", paramLabel = "URI", description = "Catalog URI, e.g. file:///data/catalog, or a path.")
    String uri;

    @Parameters(index = "1", paramLabel = "NAME", description = "Layer name.")
    String name;

    @Parameters(index = "2", paramLabel = "ZOOM", description = "Zoom level.")
    int zoom;

    /** The catalog URI, with a relative path resolved against the working directory. */
    String catalogUri() {
        return Parsing.existingCatalogUri(uri);
    }
}
