# Rx Settings Explorer in a container: runtime requirements only, a non-root user, Streamlit's health check.
#   docker build -t rx-settings-explorer .
#   docker run --rm -p 127.0.0.1:8501:8501 rx-settings-explorer        # then open http://127.0.0.1:8501
# Configure with STREAMLIT_* variables (every option of .streamlit/config.toml has one), e.g.
#   docker run -e STREAMLIT_SERVER_MAX_UPLOAD_SIZE=1 -e STREAMLIT_CLIENT_TOOLBAR_MODE=viewer ...
# It keeps nothing: the root filesystem may be read-only (docker run --read-only --tmpfs /tmp).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: a virtual environment with requirements.txt only (wheels, no compiler needed)
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_CERT=/etc/ssl/certs/ca-certificates.crt
# A network that inspects TLS needs its CA to reach PyPI: put it in deploy/build-ca/*.crt (kept out of git).
# It is trusted in this build stage only; the image you run never contains it.
COPY deploy/build-ca/ /usr/local/share/ca-certificates/
RUN update-ca-certificates >/dev/null 2>&1 || true
RUN python3 -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --only-binary=:all: -r /tmp/requirements.txt \
 && find /opt/venv -name __pycache__ -prune -exec rm -rf {} +

# --- runtime
FROM ${PYTHON_IMAGE}
# DejaVu Sans for the take-home PDF (analysis/presentation/summary_pdf.py reads it from this package's
# path), so the PDF is built from files in the image, never fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# The app and its data, owned by root so the app cannot change itself. Nothing else from the checkout.
COPY app.py /app/
COPY .streamlit/config.toml /app/.streamlit/config.toml
COPY app_pages /app/app_pages
COPY ui /app/ui
COPY analysis /app/analysis
COPY data /app/data
COPY settings_profiles /app/settings_profiles
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/home/app \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
USER app
EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["python3", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/_stcore/health' % os.environ.get('STREAMLIT_SERVER_PORT', '8501'), timeout=2)"]
# ui.serve is `streamlit run` with its outbound public-address look-up switched off (see README, Running it safely).
CMD ["python3", "-m", "ui.serve", "app.py"]
