"""Child processes `oms serve` starts, watches, restarts when they die, and stops.

Each child runs in its own process group, so a Ctrl-C in the terminal reaches only the
parent, which then stops the children itself (a child interrupted first would be seen
dead and restarted while the parent shuts down). On Linux each child also gets SIGTERM
from the kernel when the parent dies without stopping it (SIGKILL, a crash): no orphans.
A child that exits is started again after a back-off (1 s, doubling up to 30 s; reset once
it ran a minute), and every exit is logged as an error.
"""

from __future__ import annotations

import ctypes
import logging
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

log = logging.getLogger("oms.children")

POLL_S = 0.2  # how often the watcher looks at its children
FIRST_BACKOFF_S = 1.0
LONGEST_BACKOFF_S = 30.0
HEALTHY_RUN_S = 60.0  # a child that ran this long restarts after the first back-off again
PR_SET_PDEATHSIG = 1


@dataclass
class Child:
    """One child process: what runs, its environment, and file descriptors it inherits."""

    name: str
    command: Sequence[str]
    env: dict[str, str]
    pass_fds: tuple[int, ...] = ()
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    restarts: int = 0
    backoff: float = FIRST_BACKOFF_S
    restart_at: float | None = field(default=None, repr=False)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def start(self) -> None:
        self.process = subprocess.Popen(
            list(self.command),
            env=self.env,
            pass_fds=self.pass_fds,
            process_group=0,
            preexec_fn=_die_with_parent(),
        )
        self.started_at = time.monotonic()
        self.restart_at = None


class Supervisor:
    """Starts `children`, restarts any that exits, stops them all on `stop()`."""

    def __init__(self, children: Sequence[Child]) -> None:
        self.children = list(children)
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._watch, name="oms-children", daemon=True)

    def start(self) -> None:
        for child in self.children:
            child.start()
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM to every child, then SIGKILL to any still running after `timeout`."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()
        with self._lock:
            running = [c.process for c in self.children if c.process is not None]
            for process in running:
                if process.poll() is None:
                    process.terminate()
            deadline = time.monotonic() + timeout
            for process in running:
                try:
                    process.wait(max(0.0, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    log.error("child %s did not stop in time; killing it", process.pid)
                    process.kill()
                    process.wait()

    def _watch(self) -> None:
        while not self._stopping.wait(POLL_S):
            with self._lock:
                if self._stopping.is_set():
                    return
                for child in self.children:
                    self._look_after(child)

    def _look_after(self, child: Child) -> None:
        now = time.monotonic()
        if child.restart_at is not None:
            if now >= child.restart_at:
                log.warning("restarting %s (restart %d)", child.name, child.restarts)
                child.start()
            return
        code = child.process.poll() if child.process is not None else None
        if code is None:
            return
        if now - child.started_at >= HEALTHY_RUN_S:
            child.backoff = FIRST_BACKOFF_S
        log.error(
            "%s (pid %s) exited with code %s; starting it again in %.0f s",
            child.name,
            child.pid,
            code,
            child.backoff,
        )
        child.restarts += 1
        child.restart_at = now + child.backoff
        child.backoff = min(child.backoff * 2, LONGEST_BACKOFF_S)


def _die_with_parent() -> Callable[[], None] | None:
    """A pre-exec hook asking Linux to SIGTERM the child when its parent dies."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl  # resolved here, not after the fork

    def hook() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)

    return hook
