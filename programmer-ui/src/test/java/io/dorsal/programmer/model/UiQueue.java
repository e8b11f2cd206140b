package io.dorsal.programmer.model;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A UI thread for view-model tests over a real network link: answers are queued here, and the test thread runs
 * them (as the JavaFX thread would) until what it waits for holds. It blocks on the queue, never sleeps.
 */
public final class UiQueue implements Executor {

    private static final long TIMEOUT_S = 20;

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs queued UI work on this thread until {@code condition} holds; fails after 20 s without it. */
    public void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!condition.getAsBoolean()) {
            Runnable task = tasks.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (task == null) {
                throw new AssertionError("the condition did not hold within " + TIMEOUT_S + " s");
            }
            task.run();
        }
    }
}
