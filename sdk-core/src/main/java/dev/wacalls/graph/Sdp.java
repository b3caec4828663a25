package dev.wacalls.graph;

import java.util.Objects;

/** Checks an SDP before it is sent to Meta and gives it the CRLF line endings RFC 8866 and Meta require. */
final class Sdp {
    /** Far above a real audio SDP (2–4 KiB); refuses accidental payloads. */
    static final int MAX_LENGTH = 64 * 1024;

    private Sdp() {}

    static String normalize(String sdp, String what) {
        Objects.requireNonNull(sdp, what);
        String trimmed = sdp.strip();
        if (!trimmed.startsWith("v=")) {
            throw new IllegalArgumentException(what + " must be an SDP starting with 'v=0'");
        }
        if (sdp.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_LENGTH + " characters");
        }
        StringBuilder out = new StringBuilder(trimmed.length() + 64);
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\r') {
                out.append("\r\n");
                if (i + 1 < trimmed.length() && trimmed.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n') {
                out.append("\r\n");
            } else {
                out.append(c);
            }
        }
        return out.append("\r\n").toString();
    }
}
