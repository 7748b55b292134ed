package org.ssewatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The options of {@code ssewatch serve} that only the hub has; the server's are {@link ServerOptions}. */
final class HubOptions {
    static final Opt<Path> JOBS = new Opt<>(Path.class, "FILE", false, "--jobs")
            .description("The jobs file (YAML, see docs/JOBS.md): what operators may start, with which parameters. "
                    + "Required. A mistake in it is said as FILE:LINE:COLUMN lines, and nothing starts.");
    static final Opt<Path> DATA = new Opt<>(Path.class, "DIR", false, "--data")
            .description("Where the hub keeps its runs (DIR/runs/ID, each as --save writes it) and its token "
                    + "(DIR/token); made if missing. Required.");
    static final Opt<Path> OPERATORS = new Opt<>(Path.class, "FILE", false, "--operators")
            .description("Users who may start and cancel runs, with HTTP Basic, in the file 'htpasswd -B' writes; "
                    + "read again when it changes. Without it, nobody can start or cancel runs from the web.");
    static final Opt<Integer> MAX_RUNNING = new Opt<>(int.class, "N", false, "--max-running").defaultValue("4")
            .description("Runs of all jobs that may run at once; a start past it is refused (429). "
                    + "Default: ${DEFAULT-VALUE}.");
    static final Opt<Duration> KEEP = new Opt<>(Duration.class, "DURATION", false, "--keep")
            .converter(Durations::parse)
            .description("Remove finished runs that started longer ago than DURATION (30d, 12h), at start and "
                    + "after each run ends. By default runs are kept.");
    static final Opt<Integer> KEEP_RUNS = new Opt<>(int.class, "N", false, "--keep-runs").defaultValue("0")
            .description("Keep at most N finished runs, the newest; older ones are removed at start and after "
                    + "each run ends. 0, the default, keeps them all.");

    static final Opt<Long> MAX_DISK = new Opt<>(long.class, "SIZE", false, "--max-disk").defaultValue("0")
            .converter(new ByteSize())
            .description("Keep the runs under SIZE on disk (500M, 10G; the sizes of the files in DIR/runs): past it "
                    + "the oldest finished runs are removed, at start, when a run ends and before one starts; with "
                    + "only running runs left over it, new starts are refused (507) while running runs go on "
                    + "writing their journals in full. 0, the default, sets no cap.");

    /** In the order --help lists them. */
    static final List<Opt<?>> ALL = List.of(JOBS, DATA, OPERATORS, MAX_RUNNING, KEEP, KEEP_RUNS, MAX_DISK);

    private HubOptions() {
    }

    /** The usage errors that parsing does not catch. */
    static void check(CommandSpec spec) throws CliException {
        if (JOBS.get(spec) == null) {
            throw CliException.usage("serve needs --jobs FILE, the jobs it may start");
        }
        if (DATA.get(spec) == null) {
            throw CliException.usage("serve needs --data DIR, where it keeps the runs");
        }
        if (OPERATORS.get(spec) != null && (Options.AUTH.get(spec) != null || Options.AUTH_FILE.get(spec) != null)) {
            throw CliException.usage("choose --operators or --auth/--auth-file, not both: both use HTTP Basic");
        }
        if (MAX_RUNNING.get(spec) < 1) {
            throw CliException.usage("--max-running must be at least 1");
        }
        if (KEEP_RUNS.get(spec) < 0) {
            throw CliException.usage("--keep-runs must not be negative");
        }
    }

    /** Durations as the jobs file writes them, with a one-line refusal for picocli. */
    private static final class Durations {
        static Duration parse(String value) {
            try {
                Duration d = org.ssewatch.share.Durations.parse(value);
                if (d.isZero()) {
                    throw new IllegalArgumentException("'" + value + "' is zero");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
