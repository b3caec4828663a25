package dev.wacalls.media.sdp;

/** Character classes and number parsing shared by the parser and the writer; never throws on any input. */
final class Tokens {
    private Tokens() {}

    /** RFC 8866 §9 {@code token-char}: visible ASCII except the separators. */
    static boolean isTokenChar(char c) {
        return c == 0x21
                || (c >= 0x23 && c <= 0x27)
                || (c >= 0x2A && c <= 0x2B)
                || (c >= 0x2D && c <= 0x2E)
                || (c >= 0x30 && c <= 0x39)
                || (c >= 0x41 && c <= 0x5A)
                || (c >= 0x5E && c <= 0x7E);
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 8839 §5.4 {@code ice-char}: ALPHA / DIGIT / "+" / "/". */
    static boolean isIceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * An unsigned decimal of at most {@code maxDigits} ASCII digits (at most 18, so it fits a long), or -1.
     * Integer.parseInt would accept '+', and Character.isDigit non-ASCII digits; neither is SDP.
     */
    static long unsigned(String s, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits || maxDigits > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("[ \t]+");

    /** Splits on runs of SP/HTAB; RFC 8866 asks for one SP, but extra blanks harm no one. */
    static String[] fields(String s) {
        String t = s.strip();
        return t.isEmpty() ? new String[0] : BLANKS.split(t);
    }

    /** The first SP or HTAB, or -1. */
    static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
