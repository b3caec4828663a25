package dev.wacalls.media.ice;

import java.util.List;
import java.util.Objects;

/**
 * One side's ICE description from the SDP: {@code a=ice-ufrag}, {@code a=ice-pwd}, the candidates, and {@code
 * a=ice-lite}. Ours comes from {@link IceSession#localParameters()} for the SDP writer; the remote's is built from
 * the parsed SDP and given to {@link IceSession#start}.
 *
 * <pre>{@code
 * IceParameters meta = new IceParameters("wT1X", "h3hA9MPTwFBQ9w9ltyeSx1t0", List.of(
 *         IceCandidate.parse("candidate:1 1 udp 2113937151 31.13.65.130 3482 typ host"),
 *         IceCandidate.parse("candidate:2 1 udp 2113939711 2a03:2880:f20d:c4:face:b00c:0:167 3482 typ host")),
 *         true);                                   // Meta's SDP says a=ice-lite
 * }</pre>
 *
 * @param ufrag the username fragment
 * @param password the password
 * @param candidates the candidates, in SDP order
 * @param lite whether the agent is ICE-lite (RFC 8445 §2.5); ours never is
 */
public record IceParameters(String ufrag, String password, List<IceCandidate> candidates, boolean lite) {

    /** Validates and copies. */
    public IceParameters {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(password, "password");
        candidates = List.copyOf(candidates);
        // RFC 8839 §5.4 asks for 4+ and 22+ characters; tolerant reading accepts shorter ones, but a ':' or a space
        // would corrupt the STUN USERNAME "theirs:ours" (RFC 8445 §7.2.2), so those are refused.
        requireIceChars("ufrag", ufrag);
        requireIceChars("password", password);
    }

    private static void requireIceChars(String what, String value) {
        if (value.isEmpty() || value.length() > 256) {
            throw new IllegalArgumentException(what + " must have 1-256 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ice = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/';
            if (!ice) {
                throw new IllegalArgumentException(what + " has a character outside ice-char (RFC 8839): '" + c + "'");
            }
        }
    }

    @Override
    public String toString() {
        // The password authenticates connectivity checks: keep it out of logs.
        return "IceParameters[ufrag=" + ufrag + ", password=<" + password.length() + " chars>, candidates="
                + candidates.size() + ", lite=" + lite + "]";
    }
}
