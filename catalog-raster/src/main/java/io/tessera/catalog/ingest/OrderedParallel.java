package io.tessera.catalog.ingest;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Maps a sequence on several threads and yields the results in input order, with at most a few
 * tasks per thread in flight — so memory is bounded by the window, not by the input, and a
 * consumer that writes in order (a pyramid waiting for its child rows) sees the order it expects.
 * Empty results are dropped.
 */
final class OrderedParallel {

    private OrderedParallel() {
    }

    static <T, R> Stream<R> map(Iterator<T> inputs, Function<T, Optional<R>> task, int threads, String threadName) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Results<T, R> results = new Results<>(inputs, task, pool, threads * 4);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(results, Spliterator.ORDERED), false)
                .onClose(pool::shutdownNow);
    }

    private static final class Results<T, R> implements Iterator<R> {
        private final Iterator<T> inputs;
        private final Function<T, Optional<R>> task;
        private final ExecutorService pool;
        private final int window;
        private final ArrayDeque<Future<Optional<R>>> inFlight = new ArrayDeque<>();
        private R next;

        Results(Iterator<T> inputs, Function<T, Optional<R>> task, ExecutorService pool, int window) {
            this.inputs = inputs;
            this.task = task;
            this.pool = pool;
            this.window = window;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                while (inFlight.size() < window && inputs.hasNext()) {
                    T input = inputs.next();
                    inFlight.add(pool.submit(() -> task.apply(input)));
                }
                if (inFlight.isEmpty()) {
                    pool.shutdown();
                    return false;
                }
                next = await(inFlight.poll()).orElse(null);
            }
            return true;
        }

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            R r = next;
            next = null;
            return r;
        }

        private Optional<R> await(Future<Optional<R>> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                throw new CancellationException("interrupted while waiting for a tile");
            } catch (ExecutionException e) {
                pool.shutdownNow();
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }
}
