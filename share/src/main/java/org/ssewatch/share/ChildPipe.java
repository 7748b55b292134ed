package org.ssewatch.share;

import java.io.File;
import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipe for one of the command's output streams whose reading end ssewatch owns as a selectable
 * channel, so that one thread can wait on stdout and stderr together and read them in the order
 * they were written.
 *
 * <p>Java's own {@code Process} streams cannot do that (they are blocking streams, one thread
 * each), and they are closed as soon as the command exits, so that its background children that
 * still write get EPIPE. Here the child is handed the pipe's writing end through
 * {@code /proc/self/fd/N} as a file to redirect to: opening it in ssewatch (which
 * {@code ProcessBuilder} does before it forks) opens the same pipe. Java does not tell a channel's
 * descriptor, so it is found in {@code /proc/self/fd} as the one pipe that appeared with it.
 * Linux only: {@link #open()} throws elsewhere, and the caller falls back to {@code Process}'s
 * streams.
 */
final class ChildPipe implements AutoCloseable {
    private static final Path FDS = Path.of("/proc/self/fd");

    private final Pipe pipe;
    private final File writeEnd;
    private final int readFd;

    private ChildPipe(Pipe pipe, int writeFd, int readFd) {
        this.pipe = pipe;
        this.writeEnd = FDS.resolve(Integer.toString(writeFd)).toFile();
        this.readFd = readFd;
    }

    /** A new pipe, or IOException when its descriptors cannot be told (not Linux, no /proc). */
    static ChildPipe open() throws IOException {
        synchronized (ChildPipe.class) {
            Set<String> before = new HashSet<>(pipesByFd().values());
            Pipe pipe = Pipe.open();
            try {
                Map<String, List<Integer>> fresh = new HashMap<>();
                pipesByFd().forEach((fd, inode) -> {
                    if (!before.contains(inode)) {
                        fresh.computeIfAbsent(inode, i -> new java.util.ArrayList<>()).add(fd);
                    }
                });
                // A pipe opened by another thread meanwhile would make this ambiguous: refuse then.
                if (fresh.size() != 1) {
                    throw new IOException("cannot tell the new pipe among " + fresh.size() + " in " + FDS);
                }
                List<Integer> ends = fresh.values().iterator().next();
                if (ends.size() != 2) {
                    throw new IOException("the new pipe has " + ends.size() + " descriptors in " + FDS);
                }
                int writer = isWriteOnly(ends.get(0)) ? ends.get(0) : ends.get(1);
                if (!isWriteOnly(writer)) {
                    throw new IOException("cannot tell the new pipe's writing end in " + FDS);
                }
                return new ChildPipe(pipe, writer, writer == ends.get(0) ? ends.get(1) : ends.get(0));
            } catch (IOException | RuntimeException e) {
                pipe.source().close();
                pipe.sink().close();
                throw e;
            }
        }
    }

    /** Every open descriptor that is a pipe, with its pipe's identity ("pipe:[inode]"). */
    private static Map<Integer, String> pipesByFd() throws IOException {
        String[] names = FDS.toFile().list();
        if (names == null) {
            throw new IOException("no " + FDS + " on this system");
        }
        Map<Integer, String> pipes = new HashMap<>();
        for (String name : names) {
            try {
                String target = Files.readSymbolicLink(FDS.resolve(name)).toString();
                if (target.startsWith("pipe:")) {
                    pipes.put(Integer.parseInt(name), target);
                }
            } catch (IOException | NumberFormatException e) {
                // Closed since the listing (or the listing's own descriptor): not ours.
            }
        }
        return pipes;
    }

    private static boolean isWriteOnly(int fd) throws IOException {
        Path info = Path.of("/proc/self/fdinfo", Integer.toString(fd));
        for (String line : Files.readAllLines(info)) {
            if (line.startsWith("flags:")) {
                return (Integer.parseInt(line.substring(6).trim(), 8) & 3) == 1; // O_WRONLY
            }
        }
        return false;
    }

    /** Where the child's stream is to be redirected to. */
    File writeEnd() {
        return writeEnd;
    }

    /** The descriptor of the reading end, to ask how much waits in the pipe ({@link PipeLevel}). */
    int readFd() {
        return readFd;
    }

    /** The reading end, ours. */
    Pipe.SourceChannel source() {
        return pipe.source();
    }

    /**
     * Closes ssewatch's copy of the writing end, once the child has its own: the reading end then
     * sees the end of the stream when the last process holding it (the command or a child it
     * left behind) closes it.
     */
    void closeWriteEnd() throws IOException {
        pipe.sink().close();
    }

    @Override
    public void close() throws IOException {
        try {
            pipe.sink().close();
        } finally {
            pipe.source().close();
        }
    }
}
