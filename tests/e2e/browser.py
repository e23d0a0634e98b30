"""Headless Chromium (Debian's `chromium` and `chromium-driver`, `make browser`) via Selenium.

The machine's network is closed: Chromium starts with everything that would call home
switched off and a fresh profile. Screenshots go to `OMS_SCREENSHOT_DIR` (default
`.artifacts/screenshots`, ignored by git; `make screenshots` refreshes docs/screenshots).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
)


def screenshot_dir() -> Path:
    path = Path(os.environ.get("OMS_SCREENSHOT_DIR", ".artifacts/screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def chromium() -> Iterator[webdriver.Chrome]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        raise RuntimeError("Chromium is not installed: run `make browser` (make test does)")
    profile = tempfile.mkdtemp(prefix="oms-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
