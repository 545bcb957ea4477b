package io.tessera.catalog.spark;

import io.tessera.catalog.Catalog;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalogs an executor JVM has opened, one per URI and options, kept open for every task of
 * the JVM (opening one costs a connection or a client; tasks are many and short) and closed when the
 * JVM ends.
 */
final class ExecutorCatalogs {

    /** How tasks open a catalog: its URI and options, shipped with the task. */
    record Address(String uri, Map<String, String> options) implements Serializable {
        Address {
            options = Map.copyOf(options);
        }
    }

    private static final Map<Address, Catalog> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.values().forEach(Catalog::close),
                "tessera-catalogs-close"));
    }

    private ExecutorCatalogs() {
    }

    /** The catalog at {@code address}, opened once per JVM. */
    static Catalog get(Address address) {
        return OPEN.computeIfAbsent(address, a -> Catalog.open(a.uri(), a.options()));
    }
}
