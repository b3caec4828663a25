package dev.wacalls.media.sdp;

import java.util.Objects;

/**
 * A {@code c=} line (RFC 8866 §5.7). With ICE the address is only the default candidate's (RFC 8839 §4.2.1.1);
 * the candidates are what the engine connects to.
 *
 * <pre>{@code
 * // c=IN IP4 31.13.65.60
 * String ip = audio.connection().address(); // "31.13.65.60"
 * }</pre>
 *
 * @param address the address as written, including any {@code /ttl} suffix of a multicast address
 */
public record Connection(String netType, String addressType, String address) {
    public Connection {
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
    }
}
