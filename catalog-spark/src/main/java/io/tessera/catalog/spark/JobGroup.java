package io.tessera.catalog.spark;

import io.tessera.catalog.exceptions.CatalogException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.SparkException;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs the jobs of one step in a Spark job group of their own, so that when the step fails its
 * tasks still running elsewhere can be cancelled and waited for: a write is abandoned (its records
 * removed) only after no task of it can write any more.
 */
final class JobGroup {

    /** How long a failed step waits for its cancelled tasks to stop. */
    private static final Duration STOP_WAIT = Duration.ofMinutes(2);
    private static final String GROUP_PROPERTY = "spark.jobGroup.id";
    private static final String DESCRIPTION_PROPERTY = "spark.job.description";
    private static final String INTERRUPT_PROPERTY = "spark.job.interruptOnCancel";

    private final JavaSparkContext spark;
    private final String description;

    JobGroup(JavaSparkContext spark, String description) {
        this.spark = spark;
        this.description = description;
    }

    /**
     * Runs {@code step}; when it fails, cancels what it started and waits for those tasks to stop.
     *
     * @throws CatalogException for a failed job (Spark's own exception, which Java code cannot
     *     catch by type), saying what failed in the task
     */
    <T> T run(Supplier<T> step) {
        String group = "tessera-" + UUID.randomUUID();
        String[] before = {spark.getLocalProperty(GROUP_PROPERTY), spark.getLocalProperty(DESCRIPTION_PROPERTY),
            spark.getLocalProperty(INTERRUPT_PROPERTY)};
        spark.setJobGroup(group, description, true);
        try {
            return step.get();
        } catch (Exception e) {
            spark.cancelJobGroup(group);
            awaitStopped(group);
            if (e instanceof RuntimeException r && !(e instanceof SparkException)) {
                throw r;
            }
            throw new CatalogException(description + " failed: " + rootCause(e), e);
        } finally {
            spark.setLocalProperty(GROUP_PROPERTY, before[0]);
            spark.setLocalProperty(DESCRIPTION_PROPERTY, before[1]);
            spark.setLocalProperty(INTERRUPT_PROPERTY, before[2]);
        }
    }

    /** What went wrong at the bottom of a failed job, as its task reported it. */
    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private void awaitStopped(String group) {
        long until = System.nanoTime() + STOP_WAIT.toNanos();
        while (System.nanoTime() < until && running(group)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean running(String group) {
        for (int job : spark.statusTracker().getJobIdsForGroup(group)) {
            SparkJobInfo info = spark.statusTracker().getJobInfo(job);
            if (info == null) {
                continue;
            }
            for (int stage : info.stageIds()) {
                SparkStageInfo s = spark.statusTracker().getStageInfo(stage);
                if (s != null && s.numActiveTasks() > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
