package org.ssewatch.share.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs file of {@code ssewatch serve}, read and checked once: every job, in the file's order.
 * docs/JOBS.md describes the format.
 *
 * @param file where it was read from
 * @param jobs the jobs by name, at least one
 */
public record Jobs(Path file, Map<String, Job> jobs) {
    public Jobs {
        jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("no jobs");
        }
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws JobsFileException every mistake found, each with its line and column
     * @throws IOException       when the file cannot be read at all
     */
    public static Jobs load(Path file) throws IOException, JobsFileException {
        return new JobsReader(file).read();
    }

    public Optional<Job> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }
}
