# Shared by scripts/run-app and scripts/run-tests. Sourced, not run.
set -euo pipefail

RTMPDOCTOR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# What a build needs on Debian 12 (bookworm).
RTMPDOCTOR_BUILD_PACKAGES=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-base-dev-tools qt6-svg-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-multimedia-dev libgl-dev libssl-dev
    librsvg2-bin dpkg-dev gzip)
# What the app loads at run time (platform plugins, SVG icons, TLS through OpenSSL, and
# the camera check: Qt Multimedia's GStreamer back end with v4l2src and jpegdec).
RTMPDOCTOR_RUNTIME_PACKAGES=(qt6-qpa-plugins libqt6svg6 libqt6network6 openssl ca-certificates
    libqt6multimedia6 gstreamer1.0-plugins-base gstreamer1.0-plugins-good)
# Real third-party peers and viewers the tests drive.
RTMPDOCTOR_TEST_PACKAGES=(nginx libnginx-mod-rtmp stunnel4 tinyproxy ffmpeg rtmpdump openssl iptables
    xvfb xauth poppler-utils imagemagick procps
    desktop-file-utils appstream file binutils groff-base x11-utils)
# The fuzz stage: clang with its libFuzzer and sanitizer runtimes.
RTMPDOCTOR_FUZZ_PACKAGES=(clang libclang-rt-14-dev)

rtmpdoctor_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "error: installing packages needs root or sudo: $*" >&2
        exit 2
    fi
}

# Installs whichever of the named Debian packages are not installed yet.
rtmpdoctor_ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "==> installing missing packages: ${missing[*]}"
    rtmpdoctor_as_root apt-get update -qq
    # The packaged nginx would try to start a system-wide server on port 80;
    # the tests start their own instances, so keep service starts out of it.
    rtmpdoctor_as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 \
        apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

rtmpdoctor_jobs() {
    nproc 2>/dev/null || echo 2
}

# configure + build one build tree: rtmpdoctor_build DIR [cmake args...]
rtmpdoctor_build() {
    local dir="$1"
    shift
    cmake -S "$RTMPDOCTOR_ROOT" -B "$dir" -G Ninja "$@" >/dev/null
    cmake --build "$dir" --parallel "$(rtmpdoctor_jobs)"
}

# configure + build only some targets: rtmpdoctor_build_targets DIR "TARGET..." [cmake args...]
rtmpdoctor_build_targets() {
    local dir="$1"
    local targets="$2"
    shift 2
    cmake -S "$RTMPDOCTOR_ROOT" -B "$dir" -G Ninja "$@" >/dev/null
    # shellcheck disable=SC2086 # the target list is meant to split
    cmake --build "$dir" --parallel "$(rtmpdoctor_jobs)" --target $targets
}
