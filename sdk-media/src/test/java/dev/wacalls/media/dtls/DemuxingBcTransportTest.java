package dev.wacalls.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemuxingBcTransportTest {

    /** A transport holding queued datagrams; records the waits it was asked for (0 would mean "forever"). */
    private static final class Queued implements DtlsDatagramTransport {
        final ArrayDeque<byte[]> datagrams = new ArrayDeque<>();
        final List<Integer> waits = new ArrayList<>();

        @Override
        public int receive(byte[] buf, int off, int len, int timeoutMillis) {
            waits.add(timeoutMillis);
            byte[] d = datagrams.poll();
            if (d == null) {
                return -1;
            }
            System.arraycopy(d, 0, buf, off, d.length);
            return d.length;
        }

        @Override
        public void send(byte[] buf, int off, int len) {}

        @Override
        public int getReceiveLimit() {
            return 1500;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public void close() {}
    }

    @Test
    void aOneMillisecondWait_stillReadsWhatIsQueued_andNeverAsksForAnEndlessWait() throws Exception {
        Queued inner = new Queued();
        inner.datagrams.add(new byte[] {21, (byte) 0xFE, (byte) 0xFD, 0, 1}); // an alert record's first bytes
        DemuxingBcTransport t = new DemuxingBcTransport(inner);

        int n = t.receive(new byte[64], 0, 64, 1);

        // A drain after the handshake waits 1 ms: truncating the time left to 0 ms returned -1 without looking, so a
        // peer's close_notify (or retransmitted Finished) was never read.
        assertThat(n).isEqualTo(5);
        assertThat(inner.waits).allSatisfy(w -> assertThat(w).isPositive());
    }

    @Test
    void nonDtlsDatagrams_areDroppedAndCounted() throws Exception {
        Queued inner = new Queued();
        inner.datagrams.add(new byte[] {(byte) 0x80, 0, 0, 1}); // RTP
        inner.datagrams.add(new byte[] {22, (byte) 0xFE, (byte) 0xFD}); // a handshake record
        DemuxingBcTransport t = new DemuxingBcTransport(inner);

        assertThat(t.receive(new byte[64], 0, 64, 50)).isEqualTo(3);
        assertThat(t.nonDtlsDropped()).isEqualTo(1);
    }
}
