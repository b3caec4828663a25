package dev.wacalls.media.ice;

/**
 * The ICE role of our agent (RFC 8445 §6.1.1). With Meta we are always {@link #CONTROLLING}: its relay is ICE-lite,
 * and a full agent facing a lite one controls. Between two full agents the offerer controls, and a conflict is
 * settled by the 487 Role Conflict exchange (RFC 8445 §7.3.1.1), after which the role may have changed.
 *
 * <pre>{@code
 * IceSelectedPair pair = session.connected().join();
 * assert pair.role() == IceRole.CONTROLLING;   // against Meta
 * }</pre>
 */
public enum IceRole {
    /** We choose the pair: we send USE-CANDIDATE (regular nomination, RFC 8445 §8.1.1). */
    CONTROLLING,
    /** The remote chooses the pair. */
    CONTROLLED
}
