# Sourced by the other scripts: create the virtualenv VENV_DIR (default .venv)
# with Python 3.11 and install the pinned requirements file given as $1, again
# only when the requirements changed.
set -euo pipefail
requirements="$1"
venv_dir="${VENV_DIR:-.venv}"
python_bin="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if ! "$python_bin" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)." >&2
    exit 1
fi
[ -x "$venv_dir/bin/python" ] || "$python_bin" -m venv "$venv_dir"
# shellcheck disable=SC1091
source "$venv_dir/bin/activate"
stamp="$venv_dir/.installed-$(basename "$requirements")"
digest=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
    python -m pip install --quiet --upgrade pip
    python -m pip install --quiet -r "$requirements"
    echo "$digest" > "$stamp"
fi
