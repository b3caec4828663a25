package dev.wacalls.line;

import java.util.List;

/**
 * Where the ATS keeps its lines and their activation status; implement it over the application's database.
 * {@link InMemoryLineRegistry} is the in-memory version, for tests and single-instance setups.
 *
 * <p>Activation is safe to run from several instances sharing one registry: every step asks Meta first
 * (calling enabled? template there?) and only then changes anything, so a second run does nothing.
 *
 * <pre>{@code
 * final class JdbcLineRegistry implements LineRegistry {
 *     public List<Line> lines() { return jdbc.query("select … from whatsapp_lines", LINE_MAPPER); }
 *     public LineStatus status(Line line) { … }
 *     public void record(Line line, LineStatus status) { jdbc.update("update whatsapp_lines set …", …); }
 * }
 * }</pre>
 */
public interface LineRegistry {

    /** Every line to check, with its current credentials. */
    List<Line> lines();

    /** The line's status; {@link LineStatus#unchecked()} for a line never recorded. */
    LineStatus status(Line line);

    /** Saves the line's status after a check. */
    void record(Line line, LineStatus status);
}
