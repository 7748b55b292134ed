package org.ssewatch.share;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** For tests that check no process outlived a run. */
public final class ProcessesGone {
    private ProcessesGone() {
    }

    /**
     * Whether {@code pid} ended within a few seconds. A zombie counts as ended: it runs nothing,
     * and its new parent may reap it later (Java reports zombies as alive).
     */
    public static boolean gone(long pid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive() || zombie(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true; // no such process any more
        }
    }
}
