package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.VerifyReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tessera verify URI [NAME]}. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Decode every record of every layer (or of NAME) and report tiles, records"
        + " missing from the layer's record inventory, keys outside the bounds, misplaced keys, undecodable records,"
        + " cell-type mismatches and changes left unfinished by a killed writer. Exit code 4 when anything is wrong.")
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URI")
    String uri;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
    String name;

    @Option(names = "--repair", description = "First roll back any update or overwrite whose writer is gone (killed, or on"
            + " a lost machine) and left its layer marked as changing.")
    boolean repair;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean ok = true;
        try (Catalog c = Catalog.open(Parsing.existingCatalogUri(uri))) {
            List<LayerId> ids = c.layers().stream().filter(l -> name == null || l.name().equals(name)).toList();
            if (name != null && ids.isEmpty()) {
                throw new IllegalArgumentException("catalog " + c.location() + " has no layer named '" + name + "'");
            }
            try (Progress p = new Progress(spec.commandLine().getErr(), "verify", ids.size())) {
                for (LayerId id : ids) {
                    ok &= (!repair || repair(out, c, id)) && report(out, c, id);
                    p.step(1);
                }
            }
            out.println(ids.size() + " layer(s) checked: " + (ok ? "OK" : "PROBLEMS FOUND"));
        }
        return ok ? 0 : Tessera.EXIT_PROBLEMS;
    }

    /** Rolls back an abandoned change of the layer; false (with the reason printed) when it cannot. */
    private static boolean repair(PrintWriter out, Catalog c, LayerId id) {
        try {
            if (c.repair(id.name(), id.zoom())) {
                out.println(id.name() + "\t" + id.zoom() + "\trepaired: an unfinished change was rolled back");
            }
            return true;
        } catch (CatalogException e) {
            out.println(id.name() + "\t" + id.zoom() + "\tNOT REPAIRED\t" + e.getMessage());
            return false;
        }
    }

    private static boolean report(PrintWriter out, Catalog c, LayerId id) {
        VerifyReport r;
        try {
            r = c.verify(id.name(), id.zoom());
        } catch (CatalogException e) {
            out.println(id.name() + "\t" + id.zoom() + "\tUNREADABLE\t" + e.getMessage());
            return false;
        }
        out.println(id.name() + "\t" + id.zoom() + "\t" + (r.ok() ? "ok" : "PROBLEMS") + "\trecords=" + r.records()
                + " missing=" + r.missingRecords() + " tiles=" + r.tiles() + " undecodable=" + r.undecodableRecords()
                + " outsideBounds=" + r.keysOutsideBounds() + " misplaced=" + r.misplacedKeys() + " cellTypeMismatches=" + r.cellTypeMismatches());
        r.problems().forEach(p -> out.println("  " + p));
        return r.ok();
    }
}
