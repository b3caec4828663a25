package dev.wacalls.media.dtls;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Two UDP sockets on 127.0.0.1 and a way to run our endpoint on both ends of them at once. */
final class Loopback implements AutoCloseable {
    static final InetAddress LOCALHOST;

    static {
        try {
            LOCALHOST = InetAddress.getByName("127.0.0.1");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final AtomicInteger HANDSHAKES = new AtomicInteger();

    final UdpDatagramTransport clientTransport;
    final UdpDatagramTransport serverTransport;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "dtls-test-peer");
        t.setDaemon(true);
        return t;
    });

    private Loopback(UdpDatagramTransport clientTransport, UdpDatagramTransport serverTransport) {
        this.clientTransport = clientTransport;
        this.serverTransport = serverTransport;
    }

    static Loopback open() throws IOException {
        DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0));
        DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0));
        return new Loopback(
                UdpDatagramTransport.wrap(client, (InetSocketAddress) server.getLocalSocketAddress()),
                UdpDatagramTransport.wrap(server, (InetSocketAddress) client.getLocalSocketAddress()));
    }

    /** The outcome of one side: a session or the exception it ended with. */
    record Side(@Nullable DtlsSession session, @Nullable RuntimeException error) {
        DtlsSession sessionOrThrow() {
            if (error != null) {
                throw error;
            }
            return java.util.Objects.requireNonNull(session);
        }

        DtlsHandshakeResult result() {
            return sessionOrThrow().result();
        }
    }

    record Both(Side client, Side server) {}

    /** Runs a client handshake and a server handshake at the same time, each on its own thread. */
    Both handshake(DtlsEndpoint clientEndpoint, DtlsFingerprint serverFingerprintExpectedByClient,
            DtlsEndpoint serverEndpoint, DtlsFingerprint clientFingerprintExpectedByServer) throws Exception {
        return handshake(clientEndpoint, serverFingerprintExpectedByClient, serverEndpoint,
                clientFingerprintExpectedByServer, UnaryOperator.identity(), UnaryOperator.identity());
    }

    Both handshake(DtlsEndpoint clientEndpoint, DtlsFingerprint serverFingerprintExpectedByClient,
            DtlsEndpoint serverEndpoint, DtlsFingerprint clientFingerprintExpectedByServer,
            UnaryOperator<DtlsDatagramTransport> clientWrapper, UnaryOperator<DtlsDatagramTransport> serverWrapper)
            throws Exception {
        CompletableFuture<Side> server = CompletableFuture.supplyAsync(() -> run(() -> serverEndpoint.handshake(
                DtlsRole.SERVER, serverWrapper.apply(serverTransport), clientFingerprintExpectedByServer)), executor);
        CompletableFuture<Side> client = CompletableFuture.supplyAsync(() -> run(() -> clientEndpoint.handshake(
                DtlsRole.CLIENT, clientWrapper.apply(clientTransport), serverFingerprintExpectedByClient)), executor);
        return new Both(client.get(20, TimeUnit.SECONDS), server.get(20, TimeUnit.SECONDS));
    }

    private static Side run(java.util.function.Supplier<DtlsSession> handshake) {
        try {
            DtlsSession session = handshake.get();
            DtlsHandshakeResult r = session.result();
            // Printed so the build log shows cold (first) and warm handshake times on this machine.
            System.out.printf("DTLS handshake #%d as %s: %.1f ms, %s, %s%n", HANDSHAKES.incrementAndGet(), r.role(),
                    r.handshakeDuration().toNanos() / 1e6, r.srtpProfile(), r.cipherSuite());
            return new Side(session, null);
        } catch (RuntimeException e) {
            return new Side(null, e);
        }
    }

    @Override
    public void close() {
        clientTransport.close();
        serverTransport.close();
        executor.shutdownNow();
    }
}
