#!/bin/sh
# The output of a GitHub Actions job's steps as the actions and tools in it print it: what
# actions/toolkit's core.startGroup, core.error, core.setSecret ... write to stdout, escaped as
# its command.ts escapes (% as %25, CR %0D, LF %0A; in properties also : %3A and , %2C).
set -e
token="ghs_$(printf 'Xk93mQ7wLz2P')"
echo "::add-mask::$token"
echo "::group::Run actions/setup-node@v4"
echo "Attempting to download 20.x..."
echo "::debug::Checking cache for node 20.x"
echo "Acquiring 20.11.1 - x64 from https://github.com/actions/node-versions/releases/download/20.11.1"
echo "::endgroup::"
echo "::group::Run npm ci"
echo "added 312 packages in 9s"
echo "npm WARN deprecated inflight@1.0.6" >&2
echo "::endgroup::"
echo "::group::Run npm run lint"
echo "> eslint ."
echo "::error file=src/index.js,line=12,col=5,endColumn=18,title=no-undef::'fetchh' is not defined."
echo "::warning file=src/util%2Cold.js,line=3,title=Lint%3A unused::'x' is assigned a value but never used.%0A  Remove it, or prefix it with _."
echo "::notice title=Coverage::Lines 87.5%25 (target 85%25)"
echo "::endgroup::"
echo "Publishing with token $token"
echo "::stop-commands::b1d0c9a4e7"
echo "::error::this is a line of a log being printed, not a command"
echo "::b1d0c9a4e7::"
echo "::group::Post job cleanup."
echo "Cleaning up orphan processes"
echo "::endgroup::"
echo "::set-output name=result::ok"
