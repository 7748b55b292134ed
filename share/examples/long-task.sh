#!/usr/bin/env bash
# A pretend build, about 20 seconds long, showing what ssewatch does with real output: colours,
# warnings on stderr, a carriage-return progress bar, a line with no newline yet, and an exit status.
# Each phase is a group (GitHub Actions' ::group::), one warning is also an annotation (::warning),
# and under ssewatch the build tells its progress as typed events (SSEWATCH_EVENTS, docs/PROTOCOL.md);
# anywhere else those lines are what CI logs show and the events are skipped.
set -u
event() { if [ -n "${SSEWATCH_EVENTS:-}" ]; then printf '{"type":"%s","data":%s}\n' "$1" "$2" >"$SSEWATCH_EVENTS"; fi; }
bold=$'\e[1m'; green=$'\e[32m'; yellow=$'\e[33m'; red=$'\e[31m'; cyan=$'\e[36m'; dim=$'\e[2m'; reset=$'\e[0m'

echo "::group::Configure"
event status '{"text":"configuring"}'
echo "${bold}==> Configuring${reset} project ${cyan}example${reset} on $(uname -sm)"
sleep 0.5
for dep in libfoo libbar libbaz; do
  echo "  checking for ${dep}... ${green}yes${reset}"
  sleep 0.3
done

echo "::endgroup::"

echo "::group::Compile"
event status '{"text":"compiling"}'
echo "${bold}==> Compiling${reset}"
for i in $(seq 1 24); do
  printf '  [%2d/24] CC src/module_%02d.c\n' "$i" "$i"
  event progress "{\"done\":$i,\"total\":24,\"unit\":\"files\",\"text\":\"compiling\"}"
  if [ "$i" -eq 9 ]; then
    echo "${yellow}warning:${reset} src/module_09.c:42: unused variable 'tmp' [-Wunused-variable]" >&2
    echo "::warning file=src/module_09.c,line=42,title=unused-variable::unused variable 'tmp'"
  fi
  if [ "$i" -eq 17 ]; then
    echo "${yellow}warning:${reset} src/module_17.c:7: implicit conversion loses precision" >&2
  fi
  sleep 0.25
done

echo "::endgroup::"

echo "::group::Download test fixtures"
echo "${bold}==> Downloading${reset} test fixtures"
for pct in $(seq 0 5 100); do
  filled=$((pct / 5))
  bar=$(printf '%*s' "$filled" '' | tr ' ' '#')
  printf '\r  fixtures.tar.gz [%-20s] %3d%%' "$bar" "$pct"
  event progress "{\"done\":$pct,\"total\":100,\"unit\":\"%\",\"text\":\"fixtures.tar.gz\"}"
  sleep 0.15
done
printf '\n'
echo "::endgroup::"

echo "::group::Test"
event status '{"text":"testing"}'
echo "${bold}==> Testing${reset}"
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

echo "::endgroup::"

echo "::group::Package"
event status '{"text":"packaging"}'
echo "${bold}==> Packaging${reset}"
sleep 1
echo "  wrote dist/example-1.0.tar.gz (2.4 MiB)"
echo "::endgroup::"
event status '{"text":"done"}'
echo "${green}${bold}Build succeeded${reset} in ${SECONDS}s"
