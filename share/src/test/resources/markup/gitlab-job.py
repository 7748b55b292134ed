#!/usr/bin/env python3
"""A GitLab CI job log as gitlab-runner writes it around a job script, with the script's own
(nested, collapsed) sections as GitLab's docs show them: the runner prints a section's end and the
next one's start on the same line."""
import sys
import time

ESC = "\x1b"
BOLD_CYAN, BOLD_GREEN, RESET = ESC + "[36;1m", ESC + "[32;1m", ESC + "[0;m"


def start(name, header, collapsed=False, end_of=None):
    now = int(time.time())
    opts = "[collapsed=true]" if collapsed else ""
    head = ""
    if end_of:
        head = f"{ESC}[0Ksection_end:{now}:{end_of}\r{ESC}[0K"
    sys.stdout.write(f"{head}{ESC}[0Ksection_start:{now}:{name}{opts}\r{ESC}[0K{ESC}[0K{BOLD_CYAN}{header}{RESET}\n")


def end(name):
    sys.stdout.write(f"{ESC}[0Ksection_end:{int(time.time())}:{name}\r{ESC}[0K\n")


def out(line):
    sys.stdout.write(line + "\n")


out(f"{BOLD_CYAN}Running with gitlab-runner 16.8.0 (c72a09b6){RESET}")
out(f"{BOLD_CYAN}  on docker-runner-1 xS7zYq2b, system ID: s_4f3a9c2d1e0b{RESET}")
start("prepare_executor", 'Preparing the "docker" executor')
out("Using Docker executor with image python:3.12 ...")
start("prepare_script", "Preparing environment", end_of="prepare_executor")
out("Running on runner-xs7zyq2b-project-42-concurrent-0 via build-host...")
start("get_sources", "Getting source from Git repository", end_of="prepare_script")
out(f"{BOLD_GREEN}Fetching changes with git depth set to 20...{RESET}")
out("Checking out 1a2b3c4d as detached HEAD (ref is main)...")
start("step_script", 'Executing "step_script" stage of the job script', end_of="get_sources")
out(f"{BOLD_GREEN}$ pip install -r requirements.txt{RESET}")
start("pip_install", "Installing dependencies", collapsed=True)
out("Successfully installed requests-2.31.0")
sys.stdout.flush()
sys.stderr.write("WARNING: Running pip as the 'root' user\n")
sys.stderr.flush()
end("pip_install")
out(f"{BOLD_GREEN}$ pytest -q{RESET}")
out("12 passed in 0.84s")
start("cleanup_file_variables", "Cleaning up project directory and file based variables", end_of="step_script")
end("cleanup_file_variables")
out(f"{BOLD_GREEN}Job succeeded{RESET}")
