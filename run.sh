#!/usr/bin/env bash
# Start the app on the bundled data (or on $NETZWERKKARTE_DATA); sets up .venv on first use.
set -euo pipefail
cd "$(dirname "$0")"
scripts/venv.sh requirements.txt
exec .venv/bin/python -m streamlit run app.py --browser.gatherUsageStats=false "$@"
