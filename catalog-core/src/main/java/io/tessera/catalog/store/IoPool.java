package io.tessera.catalog.store;

import io.tessera.catalog.exceptions.CatalogException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/** The catalog's bounded IO pool, refusing work after the catalog is closed with a message that says so. */
final class IoPool {

    private IoPool() {
    }

    static <T> Future<T> submit(ExecutorService pool, Callable<T> task) {
        try {
            return pool.submit(task);
        } catch (RejectedExecutionException e) {
            throw new CatalogException("the catalog is closed; open it again to read or write layers", e);
        }
    }
}
