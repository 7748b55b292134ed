package org.ssewatch.share.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The mistakes found in a jobs file so far, each as {@code FILE:LINE:COLUMN: WHERE: WHAT}, the
 * way compilers report them, so editors and terminals can jump to the spot. All are collected,
 * so one run shows every mistake instead of one per restart.
 */
final class Problems {
    private final String file;
    private record Problem(int line, int column, String text) {
    }

    private final List<Problem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(Node node, String where, String what) {
        add(node.getStartMark(), where, what);
    }

    void add(Optional<Mark> mark, String where, String what) {
        int line = mark.map(m -> m.getLine() + 1).orElse(1);
        int column = mark.map(m -> m.getColumn() + 1).orElse(1);
        found.add(new Problem(line, column, file + ":" + line + ":" + column + ": " + (where.isEmpty() ? "" : where + ": ") + what));
    }

    int count() {
        return found.size();
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    JobsFileException exception() {
        // In the file's order (a stable sort keeps a spot's problems in the order found).
        return new JobsFileException(found.stream().sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .map(Problem::text).toList());
    }
}
