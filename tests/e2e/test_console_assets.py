"""The console is served by the app itself: a page, its modules and style sheet, no CDN."""

from __future__ import annotations

import re

import httpx


def test_the_console_page_loads_only_assets_the_app_serves(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)="(/console/[^"]+)"', page.text)
    assert sorted(assets) == ["/console/app.js", "/console/console.css"]
    assert "<script>" not in page.text  # no inline script: a strict CSP can forbid them
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page.text)


def test_every_module_the_console_imports_is_served_as_javascript(
    client: httpx.Client,
) -> None:
    pending, seen = ["/console/app.js"], set()
    while pending:
        path = pending.pop()
        seen.add(path)
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert "javascript" in answer.headers["content-type"], path
        # Nothing from elsewhere: no module, fetch or socket to another origin.
        assert not re.search(r'(?:from|import\(|fetch\()\s*["\'`](?:https?:)?//', answer.text)
        base = path.rsplit("/", 1)[0]
        for target in re.findall(r'from "(\.{1,2}/[^"]+)"', answer.text):
            resolved = httpx.URL(f"http://x{base}/").join(target).path
            if resolved not in seen:
                pending.append(resolved)
    assert len(seen) >= 8


def test_an_unknown_console_asset_is_404(client: httpx.Client) -> None:
    assert client.get("/console/nothing.js").status_code == 404
