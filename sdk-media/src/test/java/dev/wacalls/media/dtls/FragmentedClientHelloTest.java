package dev.wacalls.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Chromium 156 sends its ClientHello (1,413 bytes with the X25519MLKEM768 key share) as two handshake fragments in
 * two datagrams. Our server must reassemble it; BC's stateless cookie path would silently drop it (measured), which is
 * why the server never uses it. Here a BC client's ClientHello is cut the same way on the wire.
 */
class FragmentedClientHelloTest {
    static DtlsCertificate clientCert;
    static DtlsCertificate serverCert;

    @BeforeAll
    static void certificates() {
        clientCert = DtlsCertificate.generate();
        serverCert = DtlsCertificate.generate();
    }

    @ParameterizedTest(name = "split at {0}% of the body, second fragment first: {1}")
    @CsvSource({"50, false", "85, false", "30, true", "0, false"})
    void ourServerReassemblesAClientHelloSplitIntoFragmentsInSeparateDatagrams(int percent, boolean reversed)
            throws Exception {
        List<byte[]> seenByServer = Collections.synchronizedList(new ArrayList<>());
        ClientHelloSplitter[] splitter = new ClientHelloSplitter[1];
        try (Loopback net = Loopback.open()) {
            Loopback.Both both = net.handshake(
                    DtlsEndpoint.builder(clientCert).build(), serverCert.fingerprint(),
                    DtlsEndpoint.builder(serverCert).build(), clientCert.fingerprint(),
                    t -> splitter[0] = new ClientHelloSplitter(t, percent, reversed),
                    t -> new Recording(t, seenByServer));

            DtlsHandshakeResult server = both.server().result();
            DtlsHandshakeResult client = both.client().result();
            assertThat(server.localMasterKey()).isEqualTo(client.remoteMasterKey());
            assertThat(splitter[0].clientHellosSplit).isGreaterThanOrEqualTo(1);
        }

        // Look at what really arrived: the ClientHello came as at least two partial fragments, in two datagrams,
        // that together cover the whole message.
        List<int[]> fragments = new ArrayList<>();
        for (byte[] d : seenByServer) {
            if (DtlsRecords.isClientHelloFragment(d, d.length)) {
                fragments.add(DtlsRecords.handshakeHeader(d));
            }
        }
        assertThat(fragments).hasSizeGreaterThanOrEqualTo(2);
        int length = fragments.get(0)[1];
        assertThat(fragments).allSatisfy(h -> {
            assertThat(h[1]).as("message length").isEqualTo(length);
            assertThat(h[4]).as("fragment length").isLessThan(length);
        });
        boolean[] covered = new boolean[length];
        for (int[] h : fragments) {
            Arrays.fill(covered, h[3], h[3] + h[4], true);
        }
        for (boolean b : covered) {
            assertThat(b).as("every byte of the ClientHello arrived in some fragment").isTrue();
        }
        if (reversed) {
            assertThat(fragments.get(0)[3]).as("the tail fragment arrived first").isGreaterThan(0);
        }
    }

    /**
     * Cuts each whole ClientHello into two fragment records, in two datagrams. The extra record takes a sequence
     * number, so the client's later epoch-0 records are renumbered to stay unique (the receiver's replay window
     * would drop a repeated number); epoch-1 records have their own numbering and are authenticated, so they pass
     * untouched.
     */
    static final class ClientHelloSplitter extends ForwardingTransport {
        private final int percent;
        private final boolean reversed;
        private long extraSequence;
        volatile int clientHellosSplit;

        ClientHelloSplitter(DtlsDatagramTransport inner, int percent, boolean reversed) {
            super(inner);
            this.percent = percent;
            this.reversed = reversed;
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            byte[] d = Arrays.copyOfRange(buf, off, off + len);
            if (len >= DtlsRecords.RECORD_HEADER && DtlsRecords.epoch(d) == 0) {
                long seq = DtlsRecords.sequence(d) + extraSequence;
                if (DtlsRecords.isWholeClientHello(d, len)) {
                    int length = DtlsRecords.handshakeHeader(d)[1];
                    int at = Math.max(1, length * percent / 100);
                    byte[][] parts = DtlsRecords.splitClientHello(d, at, seq);
                    extraSequence++;
                    clientHellosSplit++;
                    if (reversed) {
                        inner.send(parts[1], 0, parts[1].length);
                        inner.send(parts[0], 0, parts[0].length);
                    } else {
                        inner.send(parts[0], 0, parts[0].length);
                        inner.send(parts[1], 0, parts[1].length);
                    }
                    return;
                }
                DtlsRecords.setSequence(d, seq);
            }
            inner.send(d, 0, d.length);
        }
    }

    /** Keeps a copy of every datagram the server receives. */
    static final class Recording extends ForwardingTransport {
        private final List<byte[]> seen;

        Recording(DtlsDatagramTransport inner, List<byte[]> seen) {
            super(inner);
            this.seen = seen;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
            int n = inner.receive(buf, off, len, timeoutMillis);
            if (n > 0) {
                seen.add(Arrays.copyOfRange(buf, off, off + n));
            }
            return n;
        }
    }
}
