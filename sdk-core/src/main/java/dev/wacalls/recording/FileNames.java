package dev.wacalls.recording;

import java.util.Objects;

/** The one rule for a file name inside a call's recording: a plain name, never a path. */
final class FileNames {
    static final int MAX_LENGTH = 128;

    private FileNames() {}

    /**
     * Accepts ASCII letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit: no
     * separators, no {@code ..}, no hidden files (storages keep their own bookkeeping in dot files), nothing that
     * needs quoting in a shell or escaping in a URL.
     */
    static String require(String name) {
        Objects.requireNonNull(name, "file name");
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("file name must have 1 to " + MAX_LENGTH + " characters: '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (i == 0 && !alnum) {
                throw new IllegalArgumentException("file name must start with a letter or digit: '" + name + "'");
            }
            if (!alnum && c != '.' && c != '_' && c != '-') {
                throw new IllegalArgumentException(
                        "file name may hold only letters, digits, '.', '_' and '-': '" + name + "'");
            }
        }
        if (name.contains("..")) {
            throw new IllegalArgumentException("file name must not contain '..': '" + name + "'");
        }
        return name;
    }
}
