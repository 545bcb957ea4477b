package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.WriterIdentity;
import io.tessera.catalog.spi.tree.FileTree;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException;
import org.apache.hadoop.ipc.RemoteException;

/**
 * A catalog directory on any Hadoop file system. Files are written to a temporary name and renamed
 * over the old one in one step; create-if-absent runs under the commit lock, which rests on the
 * file system's exclusive create (atomic on HDFS). A lock names its holder; one whose holder died on this host, or that has stood
 * for {@link #LOCK_ABANDONED_AFTER} (a commit holds it for milliseconds), is taken over.
 */
final class HadoopTree implements FileTree {

    /** How long a commit lock may stand before it counts as left by a writer that died. */
    static final Duration LOCK_ABANDONED_AFTER = Duration.ofMinutes(2);

    private static final String TEMP_PREFIX = ".tmp-";
    /** One holder per JVM at a time, so the lock file's owner check never races with itself. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final FileSystem fs;
    private final FileContext files;
    private final Path root;

    HadoopTree(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
        try {
            this.files = FileContext.getFileContext(fs.getUri(), fs.getConf());
        } catch (IOException e) {
            throw new CatalogIOException("cannot reach " + root + ": " + HadoopErrors.reason(e), e);
        }
    }

    Path resolve(String path) {
        return path.isEmpty() ? root : new Path(root, path);
    }

    private CatalogIOException failure(String what, String path, IOException e) {
        return new CatalogIOException("cannot " + what + " " + describe(path) + ": " + HadoopErrors.reason(e), e);
    }

    @Override
    public Optional<byte[]> read(String path) {
        try (InputStream in = fs.open(resolve(path))) {
            return Optional.of(in.readAllBytes());
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    /** A temporary file beside {@code path} holding {@code bytes}, closed (and so durable on HDFS). */
    private Path temp(String path, byte[] bytes) throws IOException {
        Path target = resolve(path);
        Path tmp = new Path(target.getParent(), TEMP_PREFIX + UUID.randomUUID());
        try (FSDataOutputStream out = fs.create(tmp, false)) {
            out.write(bytes);
            out.hsync();
        }
        return tmp;
    }

    @Override
    public void write(String path, byte[] bytes) {
        try {
            Path tmp = temp(path, bytes);
            try {
                // Replaces the old file in one step (HDFS's rename with OVERWRITE): readers never miss it.
                files.rename(tmp, resolve(path), Options.Rename.OVERWRITE);
            } catch (IOException e) {
                fs.delete(tmp, false);
                throw e;
            }
        } catch (IOException e) {
            throw failure("write", path, e);
        }
    }

    @Override
    public boolean writeIfAbsent(String path, byte[] bytes) {
        try {
            if (fs.exists(resolve(path))) {
                return false;
            }
            Path tmp = temp(path, bytes);
            if (!fs.rename(tmp, resolve(path))) {
                fs.delete(tmp, false);
                return false;
            }
            return true;
        } catch (IOException e) {
            throw failure("create", path, e);
        }
    }

    @Override
    public boolean delete(String path) {
        try {
            return fs.delete(resolve(path), false);
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw failure("delete", path, e);
        }
    }

    @Override
    public void deleteTree(String path) {
        try {
            fs.delete(resolve(path), true);
        } catch (FileNotFoundException e) {
            // Gone already.
        } catch (IOException e) {
            throw failure("delete", path, e);
        }
    }

    @Override
    public List<String> list(String dir) {
        List<String> out = new ArrayList<>();
        try {
            for (FileStatus s : fs.listStatus(resolve(dir))) {
                String n = s.getPath().getName();
                if (!n.startsWith(TEMP_PREFIX)) {
                    out.add(n);
                }
            }
        } catch (FileNotFoundException e) {
            return out;
        } catch (IOException e) {
            throw failure("list", dir, e);
        }
        return out;
    }

    @Override
    public Optional<Instant> modified(String path) {
        try {
            return Optional.of(Instant.ofEpochMilli(fs.getFileStatus(resolve(path)).getModificationTime()));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read the time of", path, e);
        }
    }

    @Override
    public boolean exists(String path) {
        try {
            return fs.exists(resolve(path));
        } catch (IOException e) {
            throw failure("look for", path, e);
        }
    }

    @Override
    public void rename(String from, String to) {
        try {
            Path target = resolve(to);
            if (fs.exists(target)) {
                throw new IOException("it already exists");
            }
            fs.mkdirs(target.getParent());
            fs.mkdirs(resolve(from));
            if (!fs.rename(resolve(from), target)) {
                throw new IOException("rename refused");
            }
        } catch (IOException e) {
            throw failure("move " + describe(from) + " to", to, e);
        }
    }

    @Override
    public Lock lock(String path) {
        Path lock = resolve(path);
        IN_PROCESS.lock();
        try {
            byte[] me = (WriterIdentity.current() + "\n").getBytes(StandardCharsets.UTF_8);
            while (true) {
                try (FSDataOutputStream out = fs.create(lock, false)) {
                    out.write(me);
                    out.hsync();
                    break;
                } catch (IOException e) {
                    if (!heldByAnother(e)) {
                        throw e;
                    }
                    takeOverIfAbandoned(lock);
                }
                Thread.sleep(10);
            }
        } catch (IOException e) {
            IN_PROCESS.unlock();
            throw failure("take the commit lock", path, e);
        } catch (InterruptedException e) {
            IN_PROCESS.unlock();
            Thread.currentThread().interrupt();
            throw new CatalogIOException("interrupted while waiting for the commit lock " + describe(path), e);
        }
        return () -> {
            try {
                fs.delete(lock, false);
            } catch (IOException e) {
                throw failure("release the commit lock", path, e);
            } finally {
                IN_PROCESS.unlock();
            }
        };
    }

    /**
     * HDFS reports a lock file another client is still writing (between its create and close) as
     * "already being created", not as existing; both mean the lock is held.
     */
    private static boolean heldByAnother(IOException e) {
        return e instanceof FileAlreadyExistsException
                || e instanceof AlreadyBeingCreatedException
                || e instanceof RemoteException remote
                        && (remote.getClassName().equals(AlreadyBeingCreatedException.class.getName())
                                || remote.getClassName().equals(FileAlreadyExistsException.class.getName()));
    }

    private void takeOverIfAbandoned(Path lock) throws IOException {
        FileStatus status;
        byte[] owner;
        try (InputStream in = fs.open(lock)) {
            owner = in.readAllBytes();
            status = fs.getFileStatus(lock);
        } catch (FileNotFoundException released) {
            return;
        }
        Instant since = Instant.ofEpochMilli(status.getModificationTime());
        boolean dead = WriterIdentity.parse(new String(owner, StandardCharsets.UTF_8))
                .map(w -> w.liveness() == WriterIdentity.Liveness.DEAD).orElse(false);
        if (dead || since.isBefore(Instant.now().minus(LOCK_ABANDONED_AFTER))) {
            fs.delete(lock, false);
        }
    }

    @Override
    public String describe(String path) {
        return resolve(path).toString();
    }
}
