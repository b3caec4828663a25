package dev.wacalls.call;

/** Receives a leg's {@link MediaEvent}s, on an engine thread: return quickly. */
@FunctionalInterface
public interface MediaListener {
    void onEvent(MediaEvent event);
}
