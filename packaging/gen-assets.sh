#!/bin/sh
# The package's generated files, made by the hubdesk binary itself, so
# they always describe the binary they ship with:
#   BINARY man                  -> hubdesk.1 (English), hubdesk.pt_BR.1
#   BINARY completions SHELL    -> hubdesk.bash, _hubdesk, hubdesk.fish
# Usage: packaging/gen-assets.sh BINARY OUTDIR
# Called by packaging/deb.sh; tests/cli/packaging.rs runs it with the
# test build and checks the result against [package.metadata.deb].
set -eu
if [ "$#" -ne 2 ]; then
    echo "usage: $0 BINARY OUTDIR" >&2
    exit 2
fi
bin=$1
out=$2
mkdir -p "$out"
# English pages whatever the caller's locale; the Portuguese page goes
# under /usr/share/man/pt_BR.
LC_ALL=C "$bin" --lang en man >"$out/hubdesk.1"
LC_ALL=C "$bin" --lang pt-BR man >"$out/hubdesk.pt_BR.1"
LC_ALL=C "$bin" --lang en completions bash >"$out/hubdesk.bash"
LC_ALL=C "$bin" --lang en completions zsh >"$out/_hubdesk"
LC_ALL=C "$bin" --lang en completions fish >"$out/hubdesk.fish"
