package dev.wacalls.graph;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When users may call the business (user-initiated calls only). {@code DISABLED} means open around the clock.
 *
 * <p><b>Sending call hours replaces them whole</b>: holidays left out are deleted. To change one part, read the
 * current settings and send them back changed ({@link #withWeeklyHours}, {@link #withHolidays}).
 *
 * <pre>{@code
 * CallHours hours = CallHours.enabled(ZoneId.of("Europe/London"), List.of(
 *         WeeklyHours.of(MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))), List.of());
 * }</pre>
 *
 * @param status ENABLED to apply the hours
 * @param timezone the zone the times are in
 * @param weeklyHours opening ranges; at most 2 a day, not overlapping, open before close
 * @param holidays closures on given dates; at most 20
 */
public record CallHours(FeatureStatus status, ZoneId timezone, List<WeeklyHours> weeklyHours, List<Holiday> holidays) {
    public static final int MAX_RANGES_PER_DAY = 2;
    public static final int MAX_HOLIDAYS = 20;

    public CallHours {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timezone, "timezone");
        weeklyHours = List.copyOf(weeklyHours);
        holidays = List.copyOf(holidays);
    }

    public static CallHours enabled(ZoneId timezone, List<WeeklyHours> weeklyHours, List<Holiday> holidays) {
        return new CallHours(FeatureStatus.ENABLED, timezone, weeklyHours, holidays);
    }

    public CallHours withWeeklyHours(List<WeeklyHours> weeklyHours) {
        return new CallHours(status, timezone, weeklyHours, holidays);
    }

    public CallHours withHolidays(List<Holiday> holidays) {
        return new CallHours(status, timezone, weeklyHours, holidays);
    }

    /**
     * Meta's rules, checked before sending so the error names the problem: weekly hours present when enabled,
     * at most two ranges a day, open before close, no overlaps, at most 20 holidays, none in the past (in the
     * call hours' zone), start before end.
     *
     * @return the problems found, empty when valid
     */
    public List<String> problems(Clock clock) {
        List<String> problems = new ArrayList<>();
        if (status == FeatureStatus.ENABLED && weeklyHours.isEmpty()) {
            problems.add("weekly operating hours must not be empty when call hours are enabled");
        }
        Map<DayOfWeek, List<WeeklyHours>> byDay = new EnumMap<>(DayOfWeek.class);
        for (WeeklyHours h : weeklyHours) {
            if (!h.open().isBefore(h.close())) {
                problems.add(h.day() + ": open time " + HhMm.format(h.open()) + " is not before close time "
                        + HhMm.format(h.close()));
            }
            byDay.computeIfAbsent(h.day(), d -> new ArrayList<>()).add(h);
        }
        byDay.forEach((day, ranges) -> {
            if (ranges.size() > MAX_RANGES_PER_DAY) {
                problems.add(day + ": " + ranges.size() + " ranges, at most " + MAX_RANGES_PER_DAY + " allowed");
            }
            ranges.sort(Comparator.comparing(WeeklyHours::open));
            for (int i = 1; i < ranges.size(); i++) {
                WeeklyHours a = ranges.get(i - 1);
                WeeklyHours b = ranges.get(i);
                if (b.open().isBefore(a.close())) {
                    problems.add(day + ": " + HhMm.format(a.open()) + "–" + HhMm.format(a.close()) + " overlaps "
                            + HhMm.format(b.open()) + "–" + HhMm.format(b.close()));
                }
            }
        });
        if (holidays.size() > MAX_HOLIDAYS) {
            problems.add(holidays.size() + " holidays, at most " + MAX_HOLIDAYS + " allowed");
        }
        LocalDate today = LocalDate.now(clock.withZone(timezone));
        for (Holiday h : holidays) {
            if (h.date().isBefore(today)) {
                problems.add("holiday " + h.date() + " is in the past");
            }
            if (!h.start().isBefore(h.end())) {
                problems.add("holiday " + h.date() + ": start " + HhMm.format(h.start()) + " is not before end "
                        + HhMm.format(h.end()));
            }
        }
        return problems;
    }
}
