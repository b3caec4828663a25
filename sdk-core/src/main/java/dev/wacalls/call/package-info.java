/**
 * Calls: what the call lifecycle needs from a media engine, without naming any media library. sdk-media implements
 * {@link dev.wacalls.call.MediaEngine}; the lifecycle drives {@link dev.wacalls.call.MediaLeg}s from webhooks.
 */
@NullMarked
package dev.wacalls.call;

import org.jspecify.annotations.NullMarked;
