package dev.wacalls.media.sdp;

/**
 * A session description (or a candidate line) that cannot be read, with the 1-based line number and the problem.
 *
 * <p>Unchecked, like the rest of the SDK's errors: a bad SDP comes from the network (a webhook or a browser), the
 * caller's answer is the same whatever the problem (reject the call or the offer), and {@link SdpParser#parse}
 * throws nothing else for any input text.
 *
 * <pre>{@code
 * try {
 *     SdpParser.parse(sdp);
 * } catch (SdpParseException e) {
 *     log.warn("bad SDP from {}: {}", peer, e.getMessage()); // "SDP line 5: bad m= line: port 'x' is not a number"
 *     int line = e.lineNumber();
 * }
 * }</pre>
 */
public final class SdpParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_EXCERPT = 80;

    private final int lineNumber;
    private final String problem;
    private final String line;

    /**
     * @param lineNumber 1-based line number, or 0 when the problem is about the whole description
     * @param problem what is wrong, in words
     * @param line the offending line as received (shortened in the message), or "" when there is none
     */
    public SdpParseException(int lineNumber, String problem, String line) {
        super(message(lineNumber, problem, line));
        this.lineNumber = lineNumber;
        this.problem = problem;
        this.line = line;
    }

    private static String message(int lineNumber, String problem, String line) {
        StringBuilder m = new StringBuilder(lineNumber > 0 ? "SDP line " + lineNumber + ": " : "SDP: ").append(problem);
        if (!line.isEmpty()) {
            m.append(" (\"").append(excerpt(line)).append("\")");
        }
        return m.toString();
    }

    /** Keeps log lines short and printable: a hostile SDP must not write control characters into logs. */
    private static String excerpt(String line) {
        StringBuilder b = new StringBuilder(Math.min(line.length(), MAX_EXCERPT) + 1);
        for (int i = 0; i < line.length() && b.length() < MAX_EXCERPT; i++) {
            char c = line.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (line.length() > MAX_EXCERPT) {
            b.append('…');
        }
        return b.toString();
    }

    /** The 1-based line number, or 0 when the problem concerns the whole description (e.g. no {@code o=} line). */
    public int lineNumber() {
        return lineNumber;
    }

    /** The problem without the position, e.g. {@code "bad candidate port '70000'"}. */
    public String problem() {
        return problem;
    }

    /** The offending line as received, or "" when there is none. */
    public String line() {
        return line;
    }
}
