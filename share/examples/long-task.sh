#!/usr/bin/env bash
# A pretend build, about 20 seconds long, showing what ssewatch does with real output: colours,
# a failure on stderr, a carriage-return progress bar, a line with no newline yet, an exit status,
# and the CI markup ssewatch reads: a group per stage (::group::), annotations (::warning::,
# ::notice::), and, under ssewatch, progress and status events.
set -u
bold=$'\e[1m'; green=$'\e[32m'; red=$'\e[31m'; cyan=$'\e[36m'; dim=$'\e[2m'; reset=$'\e[0m'
stages=5

# Progress and status go to ssewatch's event channel (SSEWATCH_EVENTS, set for the commands it
# runs; docs/PROTOCOL.md): one JSON object a line, written straight to it, which is what
# `ssewatch emit TYPE JSON` does too. Anywhere else they are skipped.
emit() {
  if [ -n "${SSEWATCH_EVENTS:-}" ]; then
    printf '{"type":"%s","data":%s}\n' "$1" "$2" >"$SSEWATCH_EVENTS" 2>/dev/null || true
  fi
}
stage() {
  emit progress "{\"done\":$1,\"total\":$stages,\"unit\":\"stages\"}"
  emit status "{\"text\":\"$2\"}"
  echo "::group::$2"
}

stage 0 "Configure"
echo "  project ${cyan}example${reset} on $(uname -sm)"
sleep 0.5
for dep in libfoo libbar libbaz; do
  echo "  checking for ${dep}... ${green}yes${reset}"
  sleep 0.3
done
echo "::endgroup::"

stage 1 "Compile"
for i in $(seq 1 24); do
  printf '  [%2d/24] CC src/module_%02d.c\n' "$i" "$i"
  if [ "$i" -eq 9 ]; then
    echo "::warning file=src/module_09.c,line=42,col=9,title=-Wunused-variable::unused variable 'tmp'"
  fi
  if [ "$i" -eq 17 ]; then
    echo "::warning file=src/module_17.c,line=7::implicit conversion loses precision"
  fi
  sleep 0.25
done
echo "::endgroup::"

stage 2 "Download test fixtures"
for pct in $(seq 0 5 100); do
  filled=$((pct / 5))
  bar=$(printf '%*s' "$filled" '' | tr ' ' '#')
  printf '\r  fixtures.tar.gz [%-20s] %3d%%' "$bar" "$pct"
  sleep 0.15
done
printf '\n'
echo "::endgroup::"

stage 3 "Test"
printf '  waiting for the database to accept connections...'
sleep 2
printf ' %sready%s\n' "$green" "$reset"
for t in parser lexer codegen runtime; do
  echo "  test ${t} ... ${green}ok${reset} ${dim}($((RANDOM % 900 + 100)) ms)${reset}"
  sleep 0.4
done
echo "  test flaky_network ... ${red}FAILED${reset} (retrying)" >&2
sleep 0.8
echo "  test flaky_network ... ${green}ok${reset} on retry"
echo "::notice title=flaky::test flaky_network passed on its second try"
echo "::endgroup::"

stage 4 "Package"
sleep 1
echo "  wrote dist/example-1.0.tar.gz (2.4 MiB)"
echo "::endgroup::"
emit progress "{\"done\":$stages,\"total\":$stages,\"unit\":\"stages\"}"
echo "${green}${bold}Build succeeded${reset} in ${SECONDS}s"
