package dev.wacalls.consent;

import java.time.Instant;

/**
 * Where one candidate's consent stands, for the candidate profile: the state and both decisions at one instant.
 *
 * @param key whose
 * @param state the stored state
 * @param invite may the business invite now
 * @param call may the business call now
 * @param at when this was evaluated
 */
public record ConsentStatus(ConsentKey key, ConsentState state, Decision invite, Decision call, Instant at) {}
