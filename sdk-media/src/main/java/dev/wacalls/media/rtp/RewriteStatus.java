package dev.wacalls.media.rtp;

/**
 * What {@link RtpRewriter#rewrite} did with a packet.
 *
 * <pre>{@code
 * RewriteStatus s = rewriter.rewrite(buf, arrivalNanos);
 * if (s.isForwarded()) {
 *     srtpSender.transformRtp(buf);
 * }
 * }</pre>
 */
public enum RewriteStatus {
    /** Rewritten onto the outgoing stream; send it. */
    FORWARDED,
    /**
     * Rewritten and sent, as the first packet of a new incoming source or of a restarted one (new SSRC, or a
     * sequence/timestamp jump): the outgoing sequence and timestamp carry on where they were, and the M bit is set.
     */
    RESTARTED,
    /** Already forwarded once (a duplicate or retransmission): dropped so the outgoing stream has no duplicates. */
    DUPLICATE,
    /**
     * Arrived too late to be placed: from before the current source (re)started, or older than the 64-packet
     * reordering window. Dropped, because its outgoing sequence number might already have been used.
     */
    STALE,
    /** Not a valid RTP packet ({@link RtpPacket#validate}). Dropped. */
    INVALID;

    /** Whether the packet was rewritten and should be sent. */
    public boolean isForwarded() {
        return this == FORWARDED || this == RESTARTED;
    }
}
