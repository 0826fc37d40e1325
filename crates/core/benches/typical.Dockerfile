# syntax=docker/dockerfile:1.7
ARG PYTHON_VERSION=3.12
ARG APP_USER=app

FROM python:${PYTHON_VERSION}-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends \
      build-essential \
      libpq-dev \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt requirements-dev.txt ./
RUN --mount=type=cache,target=/root/.cache/pip \
    python -m venv /opt/venv \
    && /opt/venv/bin/pip install -r requirements.txt
COPY src/ ./src/
COPY pyproject.toml README.md ./
RUN /opt/venv/bin/pip install --no-deps .

FROM python:${PYTHON_VERSION}-slim AS runtime
ARG APP_USER
LABEL org.opencontainers.image.title="example" \
      org.opencontainers.image.source="https://example.com/repo" \
      org.opencontainers.image.licenses="MIT"
ENV PATH="/opt/venv/bin:${PATH}" \
    PYTHONUNBUFFERED=1 \
    PORT=8000
RUN groupadd --system ${APP_USER} \
    && useradd --system --gid ${APP_USER} --home /app ${APP_USER}
WORKDIR /app
COPY --from=build --chown=${APP_USER}:${APP_USER} /opt/venv /opt/venv
COPY --chown=${APP_USER}:${APP_USER} docker/entrypoint.sh /usr/local/bin/entrypoint.sh
RUN <<EOF
set -eu
chmod 0755 /usr/local/bin/entrypoint.sh
mkdir -p /app/data
chown ${APP_USER}:${APP_USER} /app/data
EOF
VOLUME ["/app/data"]
USER ${APP_USER}
EXPOSE ${PORT}/tcp
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "example.wsgi"]
