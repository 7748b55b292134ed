#!/usr/bin/env python3
"""A GitHub Actions job's log as a Python step prints it: workflow commands written the way
actions/toolkit's command.ts writes them (`::name key=value,...::message`, with `%`, CR and LF
escaped as %25, %0D, %0A, and in property values also `:` as %3A and `,` as %2C), and, as any
program may under ssewatch, typed events written to the FIFO that SSEWATCH_EVENTS names."""
import json
import os
import sys


def escape_data(s):
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s):
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(name, message="", **props):
    p = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    print(f"::{name}{' ' + p if p else ''}::{escape_data(message)}", flush=True)


def event(kind, data):
    with open(os.environ["SSEWATCH_EVENTS"], "w") as fifo:
        fifo.write(json.dumps({"type": kind, "data": data}) + "\n")


token = "ghp_" + "R7tQ2mZx9LwK"
command("add-mask", token)
command("group", "Set up job")
print("Current runner version: '2.314.1'", flush=True)
print("Operating System: Ubuntu 22.04.4 LTS", flush=True)
command("endgroup")
event("progress", {"done": 1, "total": 3, "text": "set up"})
command("group", "Run pytest")
print(f"Using token {token} for the registry", flush=True)
command("error", "assert 2 + 2 == 5\nAssertionError", file="tests/test_math.py", line=7, col=1,
        endLine=7, endColumn=18, title="test_math: failed")
command("warning", "100% of 1 deprecated call, in tests/a,b.py", file="tests/a,b.py", line=3, title="Deprecated: call")
print("1 failed, 41 passed in 2.31s", file=sys.stderr, flush=True)
command("endgroup")
event("progress", {"done": 2, "total": 3, "text": "tested"})
command("stop-commands", "pause-8c1f")
print("::error::printed by a test, not a command", flush=True)
command("pause-8c1f")
command("notice", "Coverage 91.2%", title="Coverage")
event("status", {"text": "uploading artifacts"})
event("progress", {"done": 3, "total": 3})
