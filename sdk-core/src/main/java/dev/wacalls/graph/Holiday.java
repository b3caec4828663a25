package dev.wacalls.graph;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A closed period on one date, in the call hours' time zone. At most 20 per number.
 *
 * @param date the date
 * @param start start of the closure
 * @param end end of the closure, after {@code start}
 */
public record Holiday(LocalDate date, LocalTime start, LocalTime end) {
    public Holiday {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Closed the whole day (00:00–23:59). */
    public static Holiday allDay(LocalDate date) {
        return new Holiday(date, LocalTime.MIDNIGHT, LocalTime.of(23, 59));
    }
}
