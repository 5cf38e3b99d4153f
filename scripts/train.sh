#!/usr/bin/env bash
# Trains the Rasa model when the training data, domain or config changed since the last
# training (their hash is the model name). Component code is not part of the hash: our
# components are not trainable, so a running server picks up their changes. Prints the model path.
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=2 PYTHONWARNINGS=ignore
hash=$(cat config.yml domain.yml $(find data -name "*.yml" | sort) | sha256sum | cut -c1-16)
model="models/intake-$hash.tar.gz"
if [[ ! -f "$model" ]]; then
  echo "[train] training the Rasa model (about a minute on 2 cores)" >&2
  mkdir -p models
  start=$(date +%s)
  .venv/bin/rasa train --config config.yml --domain domain.yml --data data \
    --out models --fixed-model-name "intake-$hash" --quiet >&2
  echo "[train] done in $(( $(date +%s) - start )) s" >&2
  # keep only the current model
  find models -name 'intake-*.tar.gz' ! -name "intake-$hash.tar.gz" -delete
fi
echo "$model"
