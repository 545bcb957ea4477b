package io.tessera.catalog.store;

import io.tessera.catalog.exceptions.CatalogException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs tasks on a pool up to {@code window} ahead of the consumer and yields their results in task
 * order, so a stream of records is fetched and decoded in parallel while memory stays bounded by
 * the window. Closing the stream cancels what is in flight and runs the source's own close.
 */
final class Ahead<T> implements Iterator<T> {

    private final Iterator<? extends Callable<List<T>>> tasks;
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Future<List<T>>> inFlight = new ArrayDeque<>();
    private Iterator<T> current = Collections.emptyIterator();

    private Ahead(Iterator<? extends Callable<List<T>>> tasks, ExecutorService pool, int window) {
        this.tasks = tasks;
        this.pool = pool;
        this.window = window;
    }

    /** The results of {@code tasks}, in order; {@code onClose} runs when the stream is closed. */
    static <T> Stream<T> stream(Iterator<? extends Callable<List<T>>> tasks, ExecutorService pool, int window,
            Runnable onClose) {
        Ahead<T> a = new Ahead<>(tasks, pool, window);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(a, Spliterator.NONNULL | Spliterator.ORDERED),
                false).onClose(() -> {
                    a.cancel();
                    onClose.run();
                });
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            while (inFlight.size() < window && tasks.hasNext()) {
                inFlight.add(IoPool.submit(pool, tasks.next()));
            }
            Future<List<T>> next = inFlight.poll();
            if (next == null) {
                return false;
            }
            current = await(next).iterator();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private void cancel() {
        Future<?> f;
        while ((f = inFlight.poll()) != null) {
            f.cancel(true);
        }
    }

    private List<T> await(Future<List<T>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while reading tiles", e);
        } catch (ExecutionException e) {
            cancel();
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                // Not the catalog's to handle (out of memory, a dying process): passed on as it is.
                throw err;
            }
            throw new CatalogException("reading tiles failed: " + c, c);
        } catch (CancellationException e) {
            throw new CatalogException("tile read was cancelled", e);
        }
    }
}
