package dev.wacalls.media.dtls;

import java.util.Arrays;

/** Reads and writes the DTLS 1.2 record and handshake headers (RFC 6347 §4.1, §4.2.2) for tests that tamper. */
final class DtlsRecords {
    static final int RECORD_HEADER = 13;
    static final int HANDSHAKE_HEADER = 12;
    static final int CONTENT_HANDSHAKE = 22;
    static final int CLIENT_HELLO = 1;

    private DtlsRecords() {}

    static int epoch(byte[] d) {
        return u16(d, 3);
    }

    static long sequence(byte[] d) {
        long v = 0;
        for (int i = 5; i < 11; i++) {
            v = (v << 8) | (d[i] & 0xFF);
        }
        return v;
    }

    static void setSequence(byte[] d, long seq) {
        for (int i = 10; i >= 5; i--) {
            d[i] = (byte) seq;
            seq >>>= 8;
        }
    }

    static int recordLength(byte[] d) {
        return u16(d, 11);
    }

    /** The first message's handshake header: {type, length, messageSeq, fragmentOffset, fragmentLength}. */
    static int[] handshakeHeader(byte[] d) {
        int h = RECORD_HEADER;
        return new int[] {d[h] & 0xFF, u24(d, h + 1), u16(d, h + 4), u24(d, h + 6), u24(d, h + 9)};
    }

    /** A plaintext (epoch 0) handshake record carrying one ClientHello fragment. */
    static boolean isClientHelloFragment(byte[] d, int len) {
        return len >= RECORD_HEADER + HANDSHAKE_HEADER
                && (d[0] & 0xFF) == CONTENT_HANDSHAKE
                && epoch(d) == 0
                && (d[RECORD_HEADER] & 0xFF) == CLIENT_HELLO;
    }

    /** Whether the datagram is exactly one record holding one whole (unfragmented) ClientHello. */
    static boolean isWholeClientHello(byte[] d, int len) {
        if (!isClientHelloFragment(d, len) || RECORD_HEADER + recordLength(d) != len) {
            return false;
        }
        int[] hs = handshakeHeader(d);
        return hs[3] == 0 && hs[4] == hs[1] && recordLength(d) == HANDSHAKE_HEADER + hs[1];
    }

    /**
     * Cuts a whole ClientHello record into two records carrying fragments [0, at) and [at, length) of the same
     * message, with record sequence numbers {@code seq} and {@code seq + 1}: what Chromium sends with its 1,413-byte
     * post-quantum ClientHello.
     */
    static byte[][] splitClientHello(byte[] d, int at, long seq) {
        int[] hs = handshakeHeader(d);
        int length = hs[1];
        if (at <= 0 || at >= length) {
            throw new IllegalArgumentException("split point " + at + " outside (0, " + length + ")");
        }
        int bodyStart = RECORD_HEADER + HANDSHAKE_HEADER;
        byte[] body = Arrays.copyOfRange(d, bodyStart, bodyStart + length);
        return new byte[][] {
            fragment(d, body, 0, at, seq), fragment(d, body, at, length - at, seq + 1)
        };
    }

    private static byte[] fragment(byte[] original, byte[] body, int offset, int fragmentLength, long seq) {
        byte[] r = new byte[RECORD_HEADER + HANDSHAKE_HEADER + fragmentLength];
        System.arraycopy(original, 0, r, 0, RECORD_HEADER + HANDSHAKE_HEADER); // type, version, epoch; msg header
        setSequence(r, seq);
        put16(r, 11, HANDSHAKE_HEADER + fragmentLength);
        put24(r, RECORD_HEADER + 6, offset);
        put24(r, RECORD_HEADER + 9, fragmentLength);
        System.arraycopy(body, offset, r, RECORD_HEADER + HANDSHAKE_HEADER, fragmentLength);
        return r;
    }

    private static int u16(byte[] d, int i) {
        return ((d[i] & 0xFF) << 8) | (d[i + 1] & 0xFF);
    }

    private static int u24(byte[] d, int i) {
        return ((d[i] & 0xFF) << 16) | ((d[i + 1] & 0xFF) << 8) | (d[i + 2] & 0xFF);
    }

    private static void put16(byte[] d, int i, int v) {
        d[i] = (byte) (v >>> 8);
        d[i + 1] = (byte) v;
    }

    private static void put24(byte[] d, int i, int v) {
        d[i] = (byte) (v >>> 16);
        d[i + 1] = (byte) (v >>> 8);
        d[i + 2] = (byte) v;
    }
}
