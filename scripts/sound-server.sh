#!/usr/bin/env bash
# Start a PulseAudio server with a null sink (a sound card that records instead of playing) as the default
# output, unless a server already answers. CI uses it so the playback test hears real sound
# (tests/ui/test_real_sound.py records the sink's monitor with parec). Debian: pulseaudio pulseaudio-utils.
set -euo pipefail
if pactl info >/dev/null 2>&1; then
  pactl list short sinks | grep -q artdesk_null || pactl load-module module-null-sink sink_name=artdesk_null >/dev/null
else
  pulseaudio --daemonize=yes --exit-idle-time=-1 --disallow-exit -n \
    --load="module-native-protocol-unix" --load="module-null-sink sink_name=artdesk_null"
  for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
fi
pactl set-default-sink artdesk_null
pactl info | grep -E "^(Server Name|Default Sink)"
