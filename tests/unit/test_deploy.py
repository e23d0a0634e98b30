"""deploy/: the Prometheus and Grafana set-up docker-compose starts under a profile."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from interfaces.api.metrics import Metrics

ROOT = Path(__file__).parents[2]
DASHBOARD = ROOT / "deploy/grafana/dashboards/oms.json"
# Series the projection collector adds at scrape time (not in a fresh registry).
SCRAPED = {
    "oms_projection_position",
    "oms_projection_lag_events",
    "oms_projection_lag_seconds",
    "oms_projection_failing",
}


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_prometheus_and_grafana_start_only_under_the_observability_profile() -> None:
    services = compose()["services"]
    assert services["prometheus"]["profiles"] == ["observability"]
    assert services["grafana"]["profiles"] == ["observability"]
    assert all("profiles" not in services[name] for name in ("postgres", "api", "projector"))
    for name in ("prometheus", "grafana"):
        for volume in services[name]["volumes"]:
            assert (ROOT / volume.split(":")[0]).exists(), volume


def test_prometheus_scrapes_the_apis_metrics() -> None:
    config = yaml.safe_load((ROOT / "deploy/prometheus.yml").read_text())
    [job] = config["scrape_configs"]
    assert job["metrics_path"] == "/metrics"
    assert job["static_configs"][0]["targets"] == ["api:8000"]


def test_every_dashboard_query_uses_series_the_service_exports() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    exported = {sample_family.name for sample_family in Metrics().registry.collect()} | SCRAPED
    used = {
        re.sub(r"_(total|bucket|sum|count)$", "", name)
        for panel in dashboard["panels"]
        for target in panel["targets"]
        for name in re.findall(r"\boms_[a-z_]+", target["expr"])
    }
    assert used  # the dashboard queries something
    assert used <= exported, used - exported
