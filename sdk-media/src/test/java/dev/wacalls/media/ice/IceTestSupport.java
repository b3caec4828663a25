package dev.wacalls.media.ice;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shared by every ICE test: loopback configs, and a JVM set up so that an outbound HTTP attempt (ice4j's AWS
 * metadata probe uses {@code java.net.http.HttpClient}) is recorded and sent to a closed loopback port instead of
 * leaving the machine. Every ICE test class touches {@link #LOOPBACK} first, so this runs before ice4j loads.
 */
final class IceTestSupport {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Every URI some code in this JVM tried to reach through the default proxy selector. */
    static final List<URI> HTTP_ATTEMPTS = new CopyOnWriteArrayList<>();
    /** Strong references: java.util.logging forgets the level of a logger nobody holds. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.ice4j"), Logger.getLogger("org.jitsi"));

    static {
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                HTTP_ATTEMPTS.add(uri);
                // A "proxy" on the discard port of loopback, which nothing listens on: the attempt fails locally.
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(LOOPBACK, 9)));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
        });
        // ice4j logs every state change and candidate at INFO; the tests assert what matters.
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
    }

    private IceTestSupport() {}

    static IceConfig.Builder loopback() {
        return IceConfig.builder().localAddresses(List.of(LOOPBACK));
    }

    static IceEndpoint openLoopback() {
        return IceEndpoint.open(loopback().build());
    }

    /** The two outcomes of an offerer/answerer exchange. */
    record Pair(IceSelectedPair offerer, IceSelectedPair answerer) {}

    /** Wall time of every {@link #connect} in this JVM, in order: the first one is the cold one. */
    static final List<Double> CONNECT_MILLIS = new CopyOnWriteArrayList<>();

    /** Starts both sides as offerer (a) and answerer (b) and waits for both to connect. */
    static Pair connect(IceSession a, IceSession b) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<IceSelectedPair> fa = a.start(b.localParameters(), true);
        CompletableFuture<IceSelectedPair> fb = b.start(a.localParameters(), false);
        Pair pair = new Pair(fa.get(10, TimeUnit.SECONDS), fb.get(10, TimeUnit.SECONDS));
        CONNECT_MILLIS.add((System.nanoTime() - start) / 1e6);
        return pair;
    }

    /** Threads whose name starts with {@code prefix}. */
    static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    static int openFileDescriptors() {
        String[] fds = new java.io.File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
