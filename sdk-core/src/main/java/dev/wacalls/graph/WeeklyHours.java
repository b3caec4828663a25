package dev.wacalls.graph;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One opening range on one day of the week, e.g. Monday 09:00–12:30. A day may have at most two.
 *
 * @param day the day
 * @param open opening time (minutes precision)
 * @param close closing time, after {@code open}
 */
public record WeeklyHours(DayOfWeek day, LocalTime open, LocalTime close) {
    public WeeklyHours {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
    }

    public static WeeklyHours of(DayOfWeek day, LocalTime open, LocalTime close) {
        return new WeeklyHours(day, open, close);
    }
}
