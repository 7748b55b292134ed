package org.ssewatch.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.ssewatch.redis.LaunchFields;
import org.ssewatch.redis.PublishConfig;
import org.ssewatch.redis.RedisPublisher;
import org.ssewatch.share.Journal;
import org.ssewatch.share.Recorder;
import org.ssewatch.share.runs.HubRun;
import org.ssewatch.share.runs.RunStore;

/**
 * {@code serve --publish}: every run the hub starts is published to Redis as {@code ssewatch
 * --publish} publishes a run (docs/redis.md), under the hub's own run id, with its job, parameters
 * and who started it in the run's hash ({@link LaunchFields}), and with its exit why the hub ended it
 * early if it did, so that a relay lists it in the same state and serves it at the same
 * {@code runs/ID/} as the hub. Told after every change of the launcher's, like
 * {@link RunLog}, it needs no hook of its own in the launcher.
 */
final class HubPublishing implements Runnable, AutoCloseable {
    private final RunStore store;
    private final PublishConfig config;
    private final Consumer<String> say;
    private final Map<String, Published> publishers = new HashMap<>();
    /** Runs that were there before the server started: saved, not published. */
    private final Set<String> before = new HashSet<>();
    private boolean closed;

    private record Published(RedisPublisher publisher, Journal journal) {
        boolean done() {
            return journal.isComplete() && publisher.published() >= journal.lastId();
        }
    }

    HubPublishing(RunStore store, PublishConfig config, Consumer<String> say) {
        this.store = store;
        this.config = config;
        this.say = say;
        store.list().forEach(r -> before.add(r.id()));
    }

    @Override
    public synchronized void run() {
        if (closed) {
            return;
        }
        Set<String> listed = new HashSet<>();
        for (HubRun r : store.list()) {
            listed.add(r.id());
            if (r.running() && !before.contains(r.id()) && !publishers.containsKey(r.id())) {
                start(r);
            }
        }
        // A run removed (--keep) is no longer published; one published in full needs its publisher no more.
        publishers.entrySet().removeIf(e -> {
            boolean drop = !listed.contains(e.getKey()) || e.getValue().done();
            if (drop) {
                e.getValue().publisher().close();
            }
            return drop;
        });
    }

    private void start(HubRun r) {
        Journal journal;
        try {
            if (!(r.run() instanceof Recorder recorder)) {
                return;
            }
            journal = recorder.journal();
        } catch (IOException e) {
            return; // only a saved run is opened here, and a saved run is not published
        }
        // Why the hub stopped it is set before the command is signalled, so before the exit event that asks for it.
        RedisPublisher p = new RedisPublisher(journal, config, r.id(), LaunchFields.of(r.launch()),
                () -> LaunchFields.of(r.stopped()), say);
        publishers.put(r.id(), new Published(p, journal));
        say.accept("publishing run " + r.id() + " to " + config.url());
        p.start();
    }

    /**
     * Once the runs have ended: waits for Redis to take the rest of every run, all at once, each up to the
     * publisher's flush wait, and says what it did not take.
     */
    @Override
    public void close() throws InterruptedException {
        List<RedisPublisher> left;
        synchronized (this) {
            closed = true;
            left = publishers.values().stream().map(Published::publisher).toList();
            publishers.clear();
        }
        List<Thread> waits = new ArrayList<>();
        for (RedisPublisher p : left) {
            Thread t = new Thread(() -> {
                try {
                    p.finish();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    p.close();
                }
            }, "ssewatch-publish-finish");
            t.start();
            waits.add(t);
        }
        for (Thread t : waits) {
            t.join();
        }
    }
}
