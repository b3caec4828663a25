package dev.wacalls.media.ice;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The candidate pair ICE nominated: media and DTLS flow between these two addresses for the rest of the call (Meta:
 * "do not switch the candidate pair mid-call").
 *
 * <pre>{@code
 * IceSelectedPair pair = session.start(remote, false).get();
 * log.info("ICE done in {} ms as {}: {} -> {}", pair.elapsed().toMillis(), pair.role(), pair.local(), pair.remote());
 * }</pre>
 *
 * @param local our address (the host candidate's socket; with a 1:1 NAT the remote sees the public address)
 * @param remote the remote address we send to
 * @param localType the type of our candidate in the pair
 * @param remoteType the type of the remote candidate ({@link IceCandidateType#PEER_REFLEXIVE} if it was learned
 *     from a check rather than from the SDP)
 * @param role our role when the pair was selected (a 487 Role Conflict may have changed it)
 * @param elapsed from {@link IceSession#start} to the selection
 */
public record IceSelectedPair(InetSocketAddress local, InetSocketAddress remote, IceCandidateType localType,
        IceCandidateType remoteType, IceRole role, Duration elapsed) {

    /** Checks for nulls. */
    public IceSelectedPair {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(localType, "localType");
        Objects.requireNonNull(remoteType, "remoteType");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
