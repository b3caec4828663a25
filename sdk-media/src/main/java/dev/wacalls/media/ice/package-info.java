/**
 * ICE (RFC 8445) for the WhatsApp leg, on ice4j: host candidates on our own sockets, full ICE with regular
 * nomination, RFC 7675 consent freshness, and one datagram path per call that carries STUN, DTLS and SRTP on one
 * port (RFC 7983 demultiplexing).
 *
 * <pre>{@code
 * // Once per engine:
 * IceEndpoint ice = IceEndpoint.open(IceConfig.builder().singlePort(40000).build());
 *
 * // Per call (Meta's offer says a=ice-lite, so we are controlling):
 * IceSession session = ice.newSession();
 * answer.ice(session.localParameters());                        // ufrag, pwd, candidates
 * IceSelectedPair pair = session.start(metaIce, false).get();   // or chain on the future
 * session.consentLost().thenRun(call::end);
 * DtlsSession dtls = dtlsEndpoint.handshake(DtlsRole.CLIENT, session.transport(), metaFingerprint);
 * }</pre>
 *
 * <h2>Meta's rules this package follows</h2>
 * Meta's media relay is ICE-lite, always controlled, with one IPv4 and one IPv6 host candidate; the business runs
 * full ICE as the controlling agent with regular nomination, no trickle, no STUN/TURN servers, no ICE restart.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>Ours: one "wacalls-ice-io-N" per {@link dev.wacalls.media.ice.IceEndpoint}: a selector over every socket,
 *       routing datagrams and checking timeouts four times a second. No thread per call.</li>
 *   <li>ice4j's, per session: one "IceConnector@…" per local address, blocked on the session's STUN queue; ice4j's
 *       STUN stack reads every socket with its own thread, and replacing that would mean replacing its stack.</li>
 *   <li>ice4j's, JVM-wide: "ice4j.Agent-timer-", "ice4j.StunStack-", "ice4j.StunClientTransaction-timer-"
 *       (single-thread schedulers) and the cached pools "ice4j.Agent-executor-", "ice4j.NetAccessManager-",
 *       "ice4j.StunClientTransaction-executor-", whose idle threads end after 60 s.</li>
 * </ul>
 *
 * <h2>ice4j traps this package is built around</h2>
 * <ul>
 *   <li>The first {@code Agent} of a JVM probes the AWS metadata address over HTTP unless
 *       {@code ice4j.harvest.mapping.aws.enabled=false}; the endpoint sets that before any agent exists.</li>
 *   <li>Its host harvester skips loopback and binds every other interface; {@code SinglePortUdpHarvester} can only
 *       answer checks, never start them towards a peer that has not checked it first, which an ICE-lite peer never
 *       does. Hence our own sockets, handed to ice4j's STUN stack as {@code IceSocketWrapper}s.</li>
 *   <li>Its component socket (on by default) binds a wildcard UDP port and starts a reader thread per candidate
 *       socket; it is off here.</li>
 *   <li>Its nominator acts only on a "pair validated" event seen while controlling: an agent that becomes
 *       controlling through a 487 after validating its pair never nominates. The session nominates in that case.</li>
 *   <li>A consent check or a retransmission that races with closing a session makes ice4j log "Can not send
 *       message, Connector stopped" or "Agent contains no IceMediaStream" at WARNING; both are harmless.</li>
 * </ul>
 */
@NullMarked
package dev.wacalls.media.ice;

import org.jspecify.annotations.NullMarked;
