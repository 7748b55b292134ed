package org.ssewatch.share;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One run's markup, shared by its streams: the groups open, whether workflow commands are
 * stopped, and the secrets. A markup line becomes a typed event (or only changes this state, as
 * {@code ::add-mask::} does) and takes no line number. Groups nest in the order their starts and
 * ends arrive, whichever stream they came from; ending a group also ends the groups still open
 * inside it, innermost first, so that every start has its end.
 */
final class Markup {
    private static final int MAX_NAME = 64;

    private final Recorder recorder;
    private final SecretMask mask;
    private final MarkupPayload payload = new MarkupPayload();
    private final Deque<MarkupPayload.Group> open = new ArrayDeque<>();
    /** Set by {@code ::stop-commands::TOKEN}: workflow commands are text until {@code ::TOKEN::}. */
    private String stopToken;

    Markup(Recorder recorder, SecretMask mask) {
        this.recorder = recorder;
        this.mask = mask;
    }

    /**
     * Takes a finished line that starts like markup ({@code ::} or ESC), carriage returns not yet
     * applied if it is a GitLab marker. Returns null when the line was markup and nothing of it is
     * left to show, the same instance when it was no markup at all, and otherwise the text left
     * after its markers.
     */
    synchronized String take(String line) {
        return line.charAt(0) == ':' ? workflowCommand(line) : gitLabSection(line);
    }

    private String workflowCommand(String line) {
        if (stopToken != null) {
            if (line.startsWith("::" + stopToken + "::")) {
                stopToken = null;
                return null;
            }
            return line;
        }
        WorkflowCommands.Command c = WorkflowCommands.parse(line);
        if (c == null) {
            return line;
        }
        switch (c.name()) {
            case "group" -> {
                String title = mask.mask(c.message());
                start(new MarkupPayload.Group(slug(title), title, true, true));
            }
            case "endgroup" -> end(true, null);
            case "add-mask" -> mask.add(c.message());
            case "stop-commands" -> {
                if (c.message().isEmpty()) {
                    return line;
                }
                stopToken = c.message();
            }
            default -> annotation(c);
        }
        return null;
    }

    private String gitLabSection(String raw) {
        GitLabSections.Parsed parsed = GitLabSections.parse(raw);
        if (parsed == null) {
            return raw;
        }
        for (GitLabSections.Marker m : parsed.markers()) {
            if (m.start()) {
                String title = mask.mask(CarriageReturn.applyAll(m.header()));
                start(new MarkupPayload.Group(m.name(), title, m.collapsed(), false));
            } else {
                end(false, m.name());
            }
        }
        return parsed.rest().isEmpty() ? null : parsed.rest();
    }

    private void annotation(WorkflowCommands.Command c) {
        Map<String, String> props = new LinkedHashMap<>();
        c.properties().forEach((k, v) -> props.put(k, mask.mask(v)));
        String message = mask.mask(c.message());
        long time = System.currentTimeMillis();
        recorder.placed(EventTypes.ANNOTATION, at -> payload.annotation(c.name(), message, props, at, time));
    }

    private void start(MarkupPayload.Group g) {
        open.push(g);
        long time = System.currentTimeMillis();
        recorder.placed(EventTypes.GROUP, at -> payload.group("start", g, at, time));
    }

    /**
     * Ends the innermost open group of that kind (and name, for GitLab), with the groups inside
     * it. An end that matches no open group changes nothing.
     */
    private void end(boolean github, String name) {
        int depth = 0;
        boolean found = false;
        for (Iterator<MarkupPayload.Group> it = open.iterator(); it.hasNext() && !found; depth++) {
            MarkupPayload.Group g = it.next();
            found = g.github() == github && (github || g.name().equals(name));
        }
        if (!found) {
            return;
        }
        long time = System.currentTimeMillis();
        for (int i = 0; i < depth; i++) {
            MarkupPayload.Group g = open.pop();
            recorder.placed(EventTypes.GROUP, at -> payload.group("end", g, at, time));
        }
    }

    /** A GitHub group's name, from its title: lower case, runs of other characters as one '-'. */
    static String slug(String title) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < title.length() && b.length() < MAX_NAME; i++) {
            char c = Character.toLowerCase(title.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
                b.append('-');
            }
        }
        while (b.length() > 0 && b.charAt(b.length() - 1) == '-') {
            b.setLength(b.length() - 1);
        }
        return b.length() == 0 ? "group" : b.toString().toLowerCase(Locale.ROOT);
    }
}
