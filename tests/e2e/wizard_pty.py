#!/usr/bin/python3
"""Drives `gitopsgen add-service` through a pseudo-terminal, like a person at a keyboard.

usage: wizard_pty.py SCRIPT.json GITOPSGEN ARGS...
SCRIPT is a list of [expected_text, answer] pairs: wait until the screen shows expected_text, then
type answer and Enter (answer null: only wait). Prints the whole transcript; exits with the
program's exit code, or 99 when an expected text never shows up within 10 seconds.
"""
import json
import os
import pty
import select
import sys
import time

script = json.load(open(sys.argv[1]))
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])

transcript = b""


def read_until(text, timeout=10.0):
    global transcript
    deadline = time.time() + timeout
    while text.encode() not in transcript:
        remaining = deadline - time.time()
        if remaining <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return text.encode() in transcript
            if not chunk:
                return text.encode() in transcript
            transcript += chunk
    return True


for expected, answer in script:
    if not read_until(expected):
        sys.stdout.write(transcript.decode(errors="replace"))
        print(f"\n[wizard_pty] never saw: {expected!r}")
        os.kill(pid, 9)
        sys.exit(99)
    # Consume what was matched so the next expectation must appear anew.
    transcript = transcript[transcript.index(expected.encode()) + len(expected.encode()):]
    sys.stdout.write(expected + "\n")
    if answer is not None:
        os.write(fd, (answer + "\r").encode())
read_until("\x00", timeout=5)  # drain until the program exits
_, status = os.waitpid(pid, 0)
sys.stdout.write(transcript.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
