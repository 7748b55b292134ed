package org.ssewatch.share.jobs;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a jobs file into {@link Jobs}: snakeyaml-engine composes the node tree (which keeps each
 * node's line and column), and this walks it, checking every key and value against the format
 * of docs/JOBS.md, with YAML 1.2's core schema (so {@code <<} merge keys work). Anchors and aliases work, but at most {@link #MAX_ALIASES} aliases of lists or
 * mappings, so a "billion laughs" file is refused instead of filling the heap.
 */
final class JobsReader {
    static final int MAX_ALIASES = 50;
    /** Far more than any jobs file; bounds what a mistaken path (a log, a binary) costs to read. */
    static final int MAX_CODE_POINTS = 1 << 20;

    private final Path file;
    private final Problems problems;

    JobsReader(Path file) {
        this.file = file;
        this.problems = new Problems(file.toString());
    }

    Jobs read() throws IOException, JobsFileException {
        Optional<Node> root = compose();
        Map<String, Job> jobs = new LinkedHashMap<>();
        root.flatMap(r -> Fields.open(r, "", List.of("jobs"), problems)).ifPresent(top -> {
            Optional<Node> list = top.value("jobs");
            if (list.isEmpty()) {
                problems.add(root.get(), "", "no jobs: the file needs a 'jobs:' mapping of job names to jobs");
            }
            list.flatMap(n -> Fields.open(n, "jobs", null, problems)).ifPresent(named -> {
                if (named.entries().isEmpty()) {
                    problems.add(list.get(), "jobs", "no jobs defined");
                }
                named.entries().forEach((name, tuple) -> job(name, tuple).ifPresent(j -> jobs.put(name, j)));
            });
        });
        if (!problems.isEmpty()) {
            throw problems.exception();
        }
        return new Jobs(file, jobs);
    }

    private Optional<Node> compose() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            problems.add(Optional.empty(), "", "not UTF-8 text");
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false).setCodePointLimit(MAX_CODE_POINTS)
                .setSchema(new CoreSchema()).build();
        try {
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                problems.add(Optional.empty(), "", "the file is empty; it needs a 'jobs:' mapping");
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            problems.add(e.getProblemMark(), "", oneLine(e.getProblem() + context));
        } catch (YamlEngineException e) {
            problems.add(Optional.empty(), "", oneLine(e.getMessage()));
        }
        return Optional.empty();
    }

    private Optional<Job> job(String name, NodeTuple tuple) {
        String where = "jobs." + name;
        if (!Job.NAME.matcher(name).matches()) {
            problems.add(tuple.getKeyNode(), where, "a job's name is 1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        Optional<Fields> open = Fields.open(tuple.getValueNode(), where,
                List.of("title", "command", "dir", "env", "params", "concurrency", "timeout"), problems);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Fields f = open.get();
        JobSettings s = new JobSettings(file, where, problems);
        ParamsReader declared = new ParamsReader(where, problems);
        Map<String, Param> params = declared.read(f.value("params"));
        Optional<String> title = f.value("title").flatMap(n -> Scalars.string(n, where + ".title", problems));
        Optional<List<String>> command = f.value("command").isPresent()
                ? s.command(f.value("command").get(), declared.keys())
                : missing(tuple.getValueNode(), where, "command");
        Path dir = f.value("dir").flatMap(s::dir).orElse(file.toAbsolutePath().getParent());
        Map<String, String> env = f.value("env").map(s::env).orElse(Map.of());
        int concurrency = f.value("concurrency").flatMap(s::concurrency).orElse(1);
        var timeout = f.value("timeout").flatMap(s::timeout);
        if (command.isEmpty() || !problems.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Job(name, title.orElse(name), command.get(), dir, env, params, concurrency, timeout));
        } catch (IllegalArgumentException e) {
            problems.add(tuple.getValueNode(), where, e.getMessage());
            return Optional.empty();
        }
    }

    private <T> Optional<T> missing(Node node, String where, String key) {
        problems.add(node, where, "missing '" + key + "'");
        return Optional.empty();
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
