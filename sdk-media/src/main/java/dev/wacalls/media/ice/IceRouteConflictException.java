package dev.wacalls.media.ice;

import java.net.InetSocketAddress;

/**
 * Another ICE session of this endpoint already talks to the same remote transport address through the same shared
 * port. DTLS and SRTP carry no session id, so the two could not be told apart: the earlier session keeps the route
 * and this one fails, rather than taking an established call's media.
 *
 * <p>It happens in single-port mode when two calls reach the same far-end port — typically two WhatsApp calls through
 * one Meta relay, whose candidates use a handful of fixed ports (3478–3484, 40012). Give WhatsApp legs a port range
 * ({@code WebRtcMediaEngine.Builder#whatsappIce}); a single port suits browsers, whose ports differ per connection.
 */
public final class IceRouteConflictException extends IceException {
    private static final long serialVersionUID = 1L;

    IceRouteConflictException(InetSocketAddress local, InetSocketAddress remote) {
        super("another call on shared port " + local + " already talks to " + remote + ": two calls cannot share one "
                + "5-tuple (DTLS and SRTP carry no session id); use a port range for this side");
    }
}
