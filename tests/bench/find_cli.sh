# Sourced by the benchmark scripts: `cli` becomes the fabkit-cli given with
# --cli, else the one built in build-core/ or build/ under $root, as an
# absolute path (the runs happen in a data folder); none is an error.
if [[ -z "$cli" ]]; then
  for c in "$root/build-core/app/fabkit-cli" "$root/build/app/fabkit-cli"; do [[ -x "$c" ]] && cli="$c" && break; done
fi
[[ -x "$cli" ]] || { echo "run.sh: no fabkit-cli (build it, or give --cli PATH)" >&2; exit 2; }
cli=$(realpath "$cli")
