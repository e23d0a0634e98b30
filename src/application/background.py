"""A policy's background thread: `run_once` again and again, failures logged and retried."""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


class Background:
    """Runs `run_once` every `interval` seconds (sooner when woken) until stopped.

    A failure is logged, kept in `error` until a run succeeds, and retried with back-off:
    a policy that cannot act now acts later, from where it stood.
    """

    name = "policy"

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.error: str | None = None
        self._wake, self._stopping = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> int:
        raise NotImplementedError

    def start(self) -> None:
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        backoff = 0.0
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                self.run_once()
            except Exception as error:  # logged, kept in `error`, retried with back-off
                log.exception("%s failed; retrying", self.name)
                self.error = f"{type(error).__name__}: {error}"
                backoff = min(max(backoff * 2, 0.2), 30.0)
                self._stopping.wait(backoff)
                continue
            self.error, backoff = None, 0.0
            self._wake.wait(self.interval)
