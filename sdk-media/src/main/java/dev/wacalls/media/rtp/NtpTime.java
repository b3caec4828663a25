package dev.wacalls.media.rtp;

/**
 * The 64-bit NTP timestamps of RTCP sender reports (RFC 3550 §4): seconds since 1900 in the high 32 bits, the fraction
 * of a second in the low 32 bits; and the "middle 32 bits" that report blocks echo as LSR (RFC 3550 §6.4.1).
 *
 * <pre>{@code
 * long ntp = NtpTime.fromUnixMillis(clock.millis());
 * writer.senderReport(ssrc, ntp, rtpTimestampNow, packetsSent, octetsSent);
 * long lsr = NtpTime.middle32(ntp);
 * }</pre>
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch). */
    public static final long UNIX_EPOCH_IN_NTP_SECONDS = 2_208_988_800L;

    private NtpTime() {}

    /** The NTP timestamp of a Unix time in milliseconds. */
    public static long fromUnixMillis(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, 1000) + UNIX_EPOCH_IN_NTP_SECONDS;
        long millis = Math.floorMod(unixMillis, 1000);
        long fraction = (millis << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    /** The Unix time in milliseconds of an NTP timestamp (era 0, i.e. until 2036). */
    public static long toUnixMillis(long ntp) {
        long seconds = (ntp >>> 32) - UNIX_EPOCH_IN_NTP_SECONDS;
        long fraction = ntp & 0xFFFF_FFFFL;
        return seconds * 1000 + ((fraction * 1000) >>> 32);
    }

    /** The middle 32 bits, as echoed in a report block's LSR field. */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }

    /** A duration in nanoseconds as units of 1/65536 s, the unit of a report block's DLSR field, capped at 32 bits. */
    public static long toDlsrUnits(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        return Math.min(nanosToUnits(nanos, 65_536), 0xFFFF_FFFFL);
    }

    /** Nanoseconds in units of {@code perSecond} (a clock rate), split so that long spans cannot overflow. */
    static long nanosToUnits(long nanos, long perSecond) {
        return nanos / 1_000_000 * perSecond / 1000 + (nanos % 1_000_000) * perSecond / 1_000_000_000;
    }
}
