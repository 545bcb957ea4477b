package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.serve.ServerOptions;
import io.tessera.catalog.serve.TileServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tessera serve URI}: a map of the catalog in the browser, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve every layer of a catalog as a map: a"
        + " viewer page at /, XYZ tiles at /tiles/{name}/{z}/{x}/{y}.png, TileJSON, /layers and /values. Read-only;"
        + " runs until interrupted (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URI", description = "Catalog URI, e.g. file:///data/catalog, or a path.")
    String uri;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on; 0.0.0.0 shows the map"
            + " to the network. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--cache-mib", defaultValue = "256", description = "In-memory tile cache in MiB. Default: ${DEFAULT-VALUE}.")
    int cacheMiB;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ServerOptions options = ServerOptions.DEFAULT.withBind(bind).withPort(port).withCacheMiB(cacheMiB);
        try (Catalog catalog = Catalog.open(Parsing.existingCatalogUri(uri));
                TileServer server = TileServer.start(catalog, options)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("serving " + catalog.layers().size() + " layer zoom(s) of " + catalog.location() + " at "
                    + server.uri() + " (Ctrl-C stops)");
            out.flush();
            // Until the JVM is told to stop (Ctrl-C ends it; the server's threads are daemons) or this thread is interrupted.
            new CountDownLatch(1).await();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
