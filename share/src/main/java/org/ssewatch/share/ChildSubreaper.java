package org.ssewatch.share;

import com.sun.jna.Function;
import com.sun.jna.Pointer;

/**
 * Makes this process the "child subreaper" (Linux's {@code PR_SET_CHILD_SUBREAPER}): a process the
 * command leaves behind when its parent dies is re-parented to ssewatch instead of to init, so it
 * is still found, and ended, with the command's tree.
 *
 * <p>This is what makes Ctrl-C at a terminal leave nothing behind. The terminal sends SIGINT to the
 * whole foreground process group: a shell dies at once, and its background children, which ignore
 * SIGINT, would be re-parented to init before ssewatch can list the tree. The command keeps the
 * terminal's semantics (it is in the foreground group and receives Ctrl-C itself).
 *
 * <p>Process-wide and inherited by nothing, so only the ssewatch command sets it, not a server
 * that embeds the library. Through JNA, which pty4j brings: loading it costs about 70-130 ms of CPU,
 * so the command line does it beside the server's start, off the path to the URL.
 */
public final class ChildSubreaper {
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int WNOHANG = 1;
    private static volatile boolean active;

    private ChildSubreaper() {
    }

    /** Becomes the subreaper; false where that is not possible (not Linux, no native access). */
    public static synchronized boolean become() {
        if (active) {
            return true;
        }
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return false;
        }
        // Without it JNA asks "/sbin/ldconfig -p" for the library directories, a process started at
        // every run. The usual directories do as well: libc is found by name, and what pty4j loads
        // (libutil, only as libutil.so.1 without the -dev package) by JNA's search of these.
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", libraryDirectories());
        }
        try {
            Function prctl = Function.getFunction("c", "prctl");
            active = prctl.invokeInt(new Object[] {PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L}) == 0;
        } catch (LinkageError | RuntimeException e) {
            active = false; // no JNA native library for this platform: orphans go to init, as before
        }
        return active;
    }

    /** The system's library directories that exist, multiarch first, as ldconfig would list them. */
    static String libraryDirectories() {
        String arch = System.getProperty("os.arch", "");
        String triplet = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64-linux-gnu"
                : arch.equals("aarch64") ? "aarch64-linux-gnu" : arch + "-linux-gnu";
        StringBuilder dirs = new StringBuilder();
        for (String dir : new String[] {"/usr/local/lib", "/lib/" + triplet, "/usr/lib/" + triplet, "/lib64", "/usr/lib64",
                "/lib", "/usr/lib"}) {
            if (new java.io.File(dir).isDirectory()) {
                dirs.append(dirs.length() == 0 ? "" : java.io.File.pathSeparator).append(dir);
            }
        }
        return dirs.toString();
    }

    /** Whether orphans of the command are re-parented to this process. */
    static boolean isActive() {
        return active;
    }

    /**
     * Collects the exit status of {@code pid}, a process adopted from the command's tree that has
     * ended, so it does not stay a zombie for as long as ssewatch runs. Never call it for a process
     * Java started: Java's own reaper waits for those.
     */
    static void reap(long pid) {
        if (active) {
            try {
                Function.getFunction("c", "waitpid").invokeInt(new Object[] {(int) pid, Pointer.NULL, WNOHANG});
            } catch (LinkageError | RuntimeException e) {
                // Left a zombie until ssewatch exits: it runs nothing.
            }
        }
    }
}
