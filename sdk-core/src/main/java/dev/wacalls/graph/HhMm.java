package dev.wacalls.graph;

import dev.wacalls.internal.JsonShapeException;
import java.time.LocalTime;

/** Meta's "HHMM" times. {@code 2400} is read as the end of the day ({@link LocalTime#MAX}). */
final class HhMm {
    private HhMm() {}

    static LocalTime parse(String s, String path) {
        if (s.length() != 4 || !s.chars().allMatch(Character::isDigit)) {
            throw new JsonShapeException(path, "expected a time as HHMM, got '" + s + "'");
        }
        int h = Integer.parseInt(s.substring(0, 2));
        int m = Integer.parseInt(s.substring(2));
        if (h == 24 && m == 0) {
            return LocalTime.MAX;
        }
        if (h > 23 || m > 59) {
            throw new JsonShapeException(path, "not a time of day: '" + s + "'");
        }
        return LocalTime.of(h, m);
    }

    static String format(LocalTime t) {
        if (t.equals(LocalTime.MAX)) {
            return "2400";
        }
        return String.format("%02d%02d", t.getHour(), t.getMinute());
    }
}
