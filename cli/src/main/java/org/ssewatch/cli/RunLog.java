package org.ssewatch.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.ssewatch.share.ExitStatus;
import org.ssewatch.share.runs.HubRun;
import org.ssewatch.share.runs.RunListing;
import org.ssewatch.share.runs.RunStore;

/**
 * {@code serve}'s log on stderr: one line when a run starts (who, from where, job, id) and one
 * when it ends (job, id, state, exit). Told after every change of the launcher's, it compares the
 * runs with what it saw last, so it needs no hook of its own in the launcher.
 */
final class RunLog implements Runnable {
    private final RunStore store;
    private final Consumer<String> say;
    /** The runs seen running. */
    private final Set<String> running = new HashSet<>();

    RunLog(RunStore store, Consumer<String> say) {
        this.store = store;
        this.say = say;
        store.list().stream().filter(HubRun::running).forEach(r -> running.add(r.id()));
    }

    @Override
    public synchronized void run() {
        Map<String, RunListing> now = new HashMap<>();
        store.list().forEach(r -> now.put(r.id(), r.listing()));
        for (RunListing r : now.values()) {
            boolean isRunning = "running".equals(r.state().wireName());
            if (isRunning && running.add(r.id())) {
                String who = r.launch().operator() == null ? "the server" : r.launch().operator();
                String from = r.launch().remote() == null ? "" : " from " + r.launch().remote();
                say.accept("run " + r.id() + " of job " + r.launch().job() + " started by " + who + from);
            } else if (!isRunning && running.remove(r.id())) {
                say.accept("run " + r.id() + " of job " + r.launch().job() + " ended: " + r.state().wireName() + exit(r.exit()));
            }
        }
        running.retainAll(now.keySet());
    }

    private static String exit(ExitStatus e) {
        if (e == null) {
            return "";
        }
        return e.signal() != null ? " (" + e.signal() + ")" : e.code() != null ? " (exit " + e.code() + ")" : "";
    }
}
