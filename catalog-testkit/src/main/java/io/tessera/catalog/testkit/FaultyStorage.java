package io.tessera.catalog.testkit;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.Backends;
import io.tessera.catalog.spi.CatalogProvider;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordStorage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A backend's own storage that fails at the Nth call of any SPI method (attribute, record, batch
 * or commit call), as a disk or network fault at that moment would — or whose process dies there:
 * {@link #wrap} registers a real catalog URI and returns a {@code faulty://n} URI served by the
 * {@link Provider} this test kit registers. The optional abilities of the real storage
 * ({@code IndexListing}, {@code RangeReads}, {@code RecordCopying}) stay available, and calls before
 * and after the failing one go through.
 */
public final class FaultyStorage {

    /** What happens at the failing call. */
    public enum Fault {
        /** The call throws a {@code CatalogIOException}, as an IO error would. */
        FAIL,
        /**
         * The call throws {@link SimulatedCrash}, an {@code Error} no catalog code handles: the
         * operation stops where it is, as if its process died, while the test goes on.
         */
        CRASH,
        /** The JVM halts at once (exit code 137, as after {@code kill -9}): for child processes. */
        HALT
    }

    /** What {@link Fault#CRASH} throws. */
    public static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String message) {
            super(message);
        }
    }

    /** Calls made so far, and the one that fails. */
    public static final class Plan {
        private final AtomicLong calls = new AtomicLong();
        private final long failAt;
        private final Fault fault;

        private Plan(long failAt, Fault fault) {
            this.failAt = failAt;
            this.fault = fault;
        }

        /** SPI calls made through the storage so far. */
        public long calls() {
            return calls.get();
        }

        void tick(Method m) {
            long n = calls.incrementAndGet();
            if (n == failAt) {
                String what = "injected storage failure at call " + n + " (" + m.getDeclaringClass().getSimpleName() + "."
                        + m.getName() + ")";
                switch (fault) {
                    case HALT -> Runtime.getRuntime().halt(137);
                    case CRASH -> throw new SimulatedCrash(what);
                    default -> throw new CatalogIOException(what, null);
                }
            }
        }
    }

    private record Registration(String uri, Plan plan) {
    }

    private static final Map<String, Registration> REGISTERED = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();

    private FaultyStorage() {
    }

    /** A registered faulty catalog: the URI to open and its plan. */
    public record Faulty(String uri, Plan plan) {
    }

    /**
     * Registers {@code catalogUri}'s storage failing at SPI call {@code failAt} (counted from 1 over
     * everything opened with the returned URI; {@code Long.MAX_VALUE} never fails).
     */
    public static Faulty wrap(String catalogUri, long failAt) {
        return wrap(catalogUri, failAt, Fault.FAIL);
    }

    /** As {@link #wrap(String, long)}, with the given kind of fault at call {@code failAt}. */
    public static Faulty wrap(String catalogUri, long failAt, Fault fault) {
        String name = Integer.toString(NEXT.incrementAndGet());
        Registration r = new Registration(catalogUri, new Plan(failAt, fault));
        REGISTERED.put(name, r);
        return new Faulty("faulty://" + name, r.plan());
    }

    @SuppressWarnings("unchecked")
    private static <T> T counting(T inner, Plan plan) {
        List<Class<?>> spi = new ArrayList<>();
        for (Class<?> c = inner.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getPackageName().equals(CatalogStorage.class.getPackageName()) && !spi.contains(i)) {
                    spi.add(i);
                }
            }
        }
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(inner, args);
            }
            plan.tick(method);
            Object[] real = args == null ? null : args.clone();
            if (real != null) {
                for (int i = 0; i < real.length; i++) {
                    if (real[i] != null && Proxy.isProxyClass(real[i].getClass())
                            && Proxy.getInvocationHandler(real[i]) instanceof Unwrappable u) {
                        real[i] = u.inner();
                    }
                }
            }
            Object result;
            try {
                result = method.invoke(inner, real);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return result instanceof RecordBatch b ? counting(b, plan) : result;
        };
        return (T) Proxy.newProxyInstance(FaultyStorage.class.getClassLoader(), spi.toArray(Class<?>[]::new),
                new Unwrappable(inner, h));
    }

    /** A handler that remembers the object it wraps, so the proxy can be unwrapped when passed back. */
    private record Unwrappable(Object inner, InvocationHandler handler) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return handler.invoke(proxy, method, args);
        }
    }

    /** Serves {@code faulty://n} URIs made by {@link #wrap}. */
    public static final class Provider implements CatalogProvider {

        @Override
        public Set<String> schemes() {
            return Set.of("faulty");
        }

        @Override
        public CatalogStorage open(URI uri, Map<String, String> options) {
            Registration r = REGISTERED.get(uri.getAuthority());
            if (r == null) {
                throw new IllegalArgumentException("no faulty catalog registered as " + uri + "; make one with FaultyStorage.wrap");
            }
            CatalogStorage inner = Backends.open(r.uri(), options);
            AttributeStorage attributes = counting(inner.attributes(), r.plan());
            RecordStorage records = counting(inner.records(), r.plan());
            LayerCommits commits = counting(inner.commits(), r.plan());
            return new WrappedStorage(uri.toString(), inner, attributes, records, commits);
        }
    }
}
