package io.tessera.catalog.store;

import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs records' writes as three stages: reading what a record merges with and writing it on the IO
 * pool, encoding it (Avro and deflate, the CPU-bound part) on one thread per core. A write spends
 * most of its time deflating; when the same threads also wait for the storage (a file's fsync and
 * rename, an object store's request), cores sit idle while deflating work is queued. On their own
 * threads the encoders never wait, and the IO pool's waits overlap with their work.
 */
final class WritePipeline {

    /**
     * One record: what it merges with, read first when it must be ({@code null} otherwise), and how
     * that becomes the record's bytes.
     */
    record Job<T>(long index, Supplier<T> read, Function<T, byte[]> encode) {
    }

    private final ExecutorService io;
    private final ExecutorService cores;

    WritePipeline(ExecutorService io, ExecutorService cores) {
        this.io = io;
        this.cores = cores;
    }

    /**
     * Reads, encodes and writes every job's record into {@code batch}, and returns once every
     * started stage has finished. After a failure no further stage starts, and the first failure
     * is thrown once the stages already running are done, so nothing reaches the batch after this
     * returns or throws.
     */
    <T> void run(LayerId id, RecordBatch batch, List<Job<T>> jobs) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<CompletableFuture<Void>> stages = new ArrayList<>(jobs.size());
        try {
            for (Job<T> job : jobs) {
                CompletableFuture<T> read = job.read() == null ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.supplyAsync(unlessFailed(failed, job.read()), io);
                stages.add(read.thenApplyAsync(t -> unlessFailed(failed, () -> job.encode().apply(t)).get(), cores)
                        .thenAcceptAsync(record -> unlessFailed(failed, () -> {
                            batch.write(job.index(), record);
                            return null;
                        }).get(), io)
                        .whenComplete((v, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, cause(e));
                            }
                        }));
            }
        } catch (RejectedExecutionException e) {
            failed.compareAndSet(null, e);
        }
        try {
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            failed.compareAndSet(null, e);
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while writing layer " + id, e);
        } catch (ExecutionException e) {
            failed.compareAndSet(null, cause(e));
        }
        Throwable first = failed.get();
        if (first == null) {
            return;
        }
        if (first instanceof RejectedExecutionException) {
            throw new CatalogException("the catalog is closed; open it again to read or write layers", first);
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error err) {
            throw err;
        }
        throw new CatalogException("writing layer " + id + " failed: " + first, first);
    }

    /** {@code work}, skipped (as cancelled) once any stage of the run has failed. */
    private static <T> Supplier<T> unlessFailed(AtomicReference<Throwable> failed, Supplier<T> work) {
        return () -> {
            if (failed.get() != null) {
                throw new CancellationException("an earlier record of the write failed");
            }
            return work.get();
        };
    }

    private static Throwable cause(Throwable e) {
        Throwable c = e;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
