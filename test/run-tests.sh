#!/usr/bin/env bash
# Runs the given command with a real Secret Service: gnome-keyring in a private D-Bus session with a throwaway
# HOME, so keychain tests touch a real keyring and never the developer's own.
set -euo pipefail
if [ "${DROPSTREAM_TEST_KEYRING:-}" = "inside" ]; then exec "$@"; fi
export HOME="$(mktemp -d)" XDG_RUNTIME_DIR="$(mktemp -d)"
chmod 700 "$XDG_RUNTIME_DIR"
export DROPSTREAM_TEST_KEYRING=inside
exec dbus-run-session -- sh -c 'printf %s ci-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' sh "$@"
