package dev.wacalls.media.dtls;

import java.io.IOException;

/** A transport that passes everything to {@code inner}; tests override the one direction they meddle with. */
abstract class ForwardingTransport implements DtlsDatagramTransport {
    protected final DtlsDatagramTransport inner;

    ForwardingTransport(DtlsDatagramTransport inner) {
        this.inner = inner;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        inner.send(buf, off, len);
    }

    @Override
    public int receive(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        return inner.receive(buf, off, len, timeoutMillis);
    }

    @Override
    public int getReceiveLimit() throws IOException {
        return inner.getReceiveLimit();
    }

    @Override
    public int getSendLimit() throws IOException {
        return inner.getSendLimit();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
