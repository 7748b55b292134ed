package org.ssewatch.share;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/** Pipe mode ({@code make 2>&1 | ssewatch}): records standard input, line by line, until it closes. */
public final class PipeRunner implements Runner {
    private final InputStream in;
    private final OutputStream echo;
    private final Recorder recorder;
    private final int maxLineBytes;
    private final String title;
    private final SecretMask mask;
    private final Markup markup;
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

    public PipeRunner(InputStream in, OutputStream echo, Recorder recorder, int maxLineBytes, String title) {
        this(in, echo, recorder, maxLineBytes, title, true, List.of(), List.of());
    }

    /**
     * @param markup  parse CI markup ({@link RunConfig#markup})
     * @param masks   regular expressions to mask ({@link RunConfig#masks})
     * @param maskEnv variables whose values to mask, from ssewatch's own environment, which is
     *                what the command writing into the pipe usually has too
     */
    public PipeRunner(InputStream in, OutputStream echo, Recorder recorder, int maxLineBytes, String title,
                      boolean markup, List<String> masks, List<String> maskEnv) {
        this.mask = SecretMask.of(masks, maskEnv, System.getenv());
        this.markup = markup ? new Markup(recorder, mask) : null;
        this.in = in;
        this.echo = echo;
        this.recorder = recorder;
        this.maxLineBytes = maxLineBytes;
        this.title = title;
    }

    @Override
    public ExitStatus run() {
        recorder.start(new StartInfo(List.of(), Path.of("").toAbsolutePath().toString(), Host.name(), null, title, false));
        LineDecoder decoder = MarkupFilter.decoder(maxLineBytes, recorder.lines(EventTypes.STDIN), markup, mask);
        try (PartialLineTicker ticker = new PartialLineTicker()) {
            ticker.add(decoder);
            Thread t = new Thread(() -> {
                new StreamPump(in, echo, decoder).run();
                ended.countDown();
            }, "ssewatch-stdin");
            t.setDaemon(true);
            t.start();
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ExitStatus status = ExitStatus.endOfInput();
        recorder.exit(status);
        return status;
    }

    @Override
    public void terminate() {
        // Ending early means ending the input: what was read so far is the whole run. A read
        // blocked on a pipe cannot be interrupted, so stop waiting for it instead.
        ended.countDown();
    }
}
