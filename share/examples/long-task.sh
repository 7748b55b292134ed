#!/usr/bin/env bash
# A pretend build, about 20 seconds long, showing what ssewatch does with real output: colours,
# warnings on stderr, a carriage-return progress bar, a line with no newline yet, and an exit status.
set -u
bold=$'\e[1m'; green=$'\e[32m'; yellow=$'\e[33m'; red=$'\e[31m'; cyan=$'\e[36m'; dim=$'\e[2m'; reset=$'\e[0m'

echo "${bold}==> Configuring${reset} project ${cyan}example${reset} on $(uname -sm)"
sleep 0.5
for dep in libfoo libbar libbaz; do
  echo "  checking for ${dep}... ${green}yes${reset}"
  sleep 0.3
done

echo "${bold}==> Compiling${reset}"
for i in $(seq 1 24); do
  printf '  [%2d/24] CC src/module_%02d.c\n' "$i" "$i"
  if [ "$i" -eq 9 ]; then
    echo "${yellow}warning:${reset} src/module_09.c:42: unused variable 'tmp' [-Wunused-variable]" >&2
  fi
  if [ "$i" -eq 17 ]; then
    echo "${yellow}warning:${reset} src/module_17.c:7: implicit conversion loses precision" >&2
  fi
  sleep 0.25
done

echo "${bold}==> Downloading${reset} test fixtures"
for pct in $(seq 0 5 100); do
  filled=$((pct / 5))
  bar=$(printf '%*s' "$filled" '' | tr ' ' '#')
  printf '\r  fixtures.tar.gz [%-20s] %3d%%' "$bar" "$pct"
  sleep 0.15
done
printf '\n'

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

echo "${bold}==> Packaging${reset}"
sleep 1
echo "  wrote dist/example-1.0.tar.gz (2.4 MiB)"
echo "${green}${bold}Build succeeded${reset} in ${SECONDS}s"
