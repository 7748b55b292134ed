#!/bin/sh
# A GitLab CI job log as gitlab-runner and a job script print it (GitLab's "job logs" docs):
# a section is ESC[0Ksection_start:UNIX_SECONDS:NAME[OPTIONS]\rESC[0KHEADER, closed by
# ESC[0Ksection_end:UNIX_SECONDS:NAME\rESC[0K; sections nest, and [collapsed=true] folds one.
e=$(printf '\033')
start() { printf '%s[0Ksection_start:%s:%s%s\r%s[0K%s\n' "$e" "$(date +%s)" "$1" "$3" "$e" "$2"; }
end() { printf '%s[0Ksection_end:%s:%s\r%s[0K\n' "$e" "$(date +%s)" "$1" "$e"; }
echo "Running with gitlab-runner 17.0.0 (44feccdf)"
start prepare_executor 'Preparing the "shell" executor'
echo "Using Shell (bash) executor..."
end prepare_executor
start build_script 'Executing "step_script" stage of the job script'
echo '$ make all'
start compile 'Compiling' '[collapsed=true]'
echo "cc -c main.c"
echo "main.c:3: warning: unused variable" >&2
start link 'Linking'
echo "cc -o app main.o"
end link
end compile
echo "Build finished"
end build_script
echo "Job succeeded"
