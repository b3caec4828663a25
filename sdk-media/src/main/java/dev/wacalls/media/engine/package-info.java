/**
 * The media engine: core's {@link dev.wacalls.call.MediaEngine} implemented over this module's WebRTC stack.
 * {@link dev.wacalls.media.engine.WebRtcMediaEngine} is the entry point; one per process.
 */
@NullMarked
package dev.wacalls.media.engine;

import org.jspecify.annotations.NullMarked;
