package dev.wacalls.media.rtp;

import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A bounded, allocation-free pool of items split into stripes, each a small array stack guarded by a try-lock. A
 * thread starts at its own stripe and moves on to the next one whenever a stripe is busy, empty or full, so no thread
 * ever waits for another: a thread preempted while holding a stripe only takes that stripe out of play for a moment.
 * (A single bounded MPMC ring was tried first; on two shared cores a reader preempted between claiming and releasing
 * a slot made every other thread see the ring as full or empty for a whole time slice.)
 */
final class StripedStack<E> {
    private static final int MAX_STRIPES = 16;

    private final Stripe<E>[] stripes;
    private final int mask;

    @SuppressWarnings({"unchecked", "rawtypes"}) // generic array creation
    StripedStack(int capacity) {
        int wanted = Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()
                * 2 - 1)) << 1);
        int count = Math.max(1, Math.min(wanted, Integer.highestOneBit(Math.max(1, capacity))));
        this.stripes = new Stripe[count];
        this.mask = count - 1;
        int perStripe = (capacity + count - 1) / count;
        for (int i = 0; i < count; i++) {
            stripes[i] = new Stripe<>(perStripe);
        }
    }

    private int home() {
        @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
        long id = Thread.currentThread().getId();
        return (int) (id ^ (id >>> 16)) & mask;
    }

    /** Pushes {@code item}; {@code false} if every stripe is full (or busy twice over). */
    boolean offer(E item) {
        int start = home();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i <= mask; i++) {
                Stripe<E> s = stripes[(start + i) & mask];
                if (s.size < s.items.length && s.lock.compareAndSet(0, 1)) {
                    try {
                        if (s.size < s.items.length) {
                            s.items[s.size++] = item;
                            return true;
                        }
                    } finally {
                        s.lock.set(0);
                    }
                }
            }
        }
        return false;
    }

    /** Pops an item, or {@code null} if every stripe is empty (or busy twice over). */
    @Nullable E poll() {
        int start = home();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i <= mask; i++) {
                Stripe<E> s = stripes[(start + i) & mask];
                if (s.size > 0 && s.lock.compareAndSet(0, 1)) {
                    try {
                        if (s.size > 0) {
                            E item = s.items[--s.size];
                            s.items[s.size] = null;
                            return item;
                        }
                    } finally {
                        s.lock.set(0);
                    }
                }
            }
        }
        return null;
    }

    /** Items held (exact when no other thread is using the stack). */
    int size() {
        int n = 0;
        for (Stripe<E> s : stripes) {
            n += s.size;
        }
        return n;
    }

    /** Most items the stack holds. */
    int capacity() {
        return stripes.length * stripes[0].items.length;
    }

    private static final class Stripe<E> {
        final AtomicInteger lock = new AtomicInteger();
        final @Nullable E[] items;
        // Read without the lock only as a hint; changed only under it. The lock's CAS/set order the accesses.
        int size;

        @SuppressWarnings("unchecked")
        Stripe(int capacity) {
            this.items = (E[]) new Object[capacity];
        }
    }
}
