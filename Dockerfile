# GraphiQL's browser files, from the pinned npm packages the Makefile names.
FROM node:20-slim AS assets
RUN apt-get update && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY Makefile ./
RUN make assets

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OMS_DATA_DIR=/data/oms

WORKDIR /app
# The locked runtime tree (hashes checked), then the project itself without resolving anything.
COPY requirements/runtime.lock requirements/
RUN pip install --require-hashes --no-deps -r requirements/runtime.lock
COPY pyproject.toml README.md ./
COPY src ./src
COPY --from=assets /build/src/interfaces/web/vendor ./src/interfaces/web/vendor
RUN pip install --no-deps --no-build-isolation . \
    && pip check \
    && useradd --create-home --uid 10001 oms \
    && mkdir -p /data \
    && chown oms /data

USER oms
EXPOSE 8000

# Listening beyond loopback needs OMS_HOST=0.0.0.0 and OMS_API_KEYS (see docker-compose.yml).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"OMS_PORT\", \"8000\")}/health', timeout=2)"

CMD ["oms", "serve"]
