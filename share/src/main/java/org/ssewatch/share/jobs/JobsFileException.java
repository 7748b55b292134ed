package org.ssewatch.share.jobs;

import java.util.List;

/**
 * The mistakes in a jobs file, each a line of the form {@code FILE:LINE:COLUMN: WHERE: WHAT},
 * for example {@code jobs.yaml:7:5: jobs.deploy.params.env: default "prod" is not one of
 * [staging, production]}. The message is those lines, one under the other.
 */
public final class JobsFileException extends Exception {
    private final List<String> problems;

    JobsFileException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
