package org.ssewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples one process from /proc every {@value #PERIOD_MS} ms while it lives: CPU time (utime +
 * stime of /proc/PID/stat, the process's own threads only, not its children) and peak resident set
 * (VmHWM of /proc/PID/status, which the kernel keeps as a high-water mark, so sampling misses at most
 * the growth of the last period before exit).
 */
final class ProcStats {
    static final int PERIOD_MS = 20;
    private static final long CLK_TCK = 100; // USER_HZ: 100 on every Linux architecture Java runs on

    private final long pid;
    private volatile long cpuTicks;
    private volatile long hwmKb;
    private final Thread thread;

    ProcStats(long pid) {
        this.pid = pid;
        sample();
        thread = new Thread(this::loop, "procstats-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (sample()) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** False once the process is gone. */
    private boolean sample() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state); utime is field 14, stime field 15.
            if (f[0].equals("Z")) {
                return false;
            }
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long hwm = hwmKb;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
            cpuTicks = ticks;
            hwmKb = Math.max(hwmKb, hwm);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** CPU seconds used so far (as of the last sample). */
    double cpuSeconds() {
        return cpuTicks / (double) CLK_TCK;
    }

    long peakRssKb() {
        return hwmKb;
    }

    void stop() {
        thread.interrupt();
    }
}
