#!/usr/bin/env bash
# The Debian package as a broadcaster gets it: built by CPack from a built tree,
# inspected, installed with dpkg (or unpacked when not root), started, removed.
#
#   test-deb.sh BUILD_DIR VERSION APPSTREAM_ID HOMEPAGE [CPACK]
#
# Any problem ends the script with "FAIL:" and a non-zero status. The package
# is removed again on every way out; a copy left behind by a killed run is
# recognised by a marker file and removed by the next run. A package installed
# by someone else is never touched: the test then unpacks instead.
# No `grep -q` at the end of a pipe: it may stop reading early, and with
# pipefail the writer's SIGPIPE would turn a match into a failure.
set -euo pipefail

if [ $# -lt 4 ]; then
    echo "usage: $0 BUILD_DIR VERSION APPSTREAM_ID HOMEPAGE [CPACK]" >&2
    exit 2
fi
build_dir=$1
version=$2
appstream_id=$3
homepage=$4
cpack=${5:-cpack}

package=rtmp-doctor
icon_sizes=(16 24 32 48 64 128 256 512)
marker=/var/tmp/rtmp-doctor-package-test.installed
lock=/tmp/rtmp-doctor-package-test.lock

step() { echo "==> $*"; }
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

in_ci() {
    local value
    value=$(printf '%s' "${CI:-}" | tr '[:upper:]' '[:lower:]' | tr -d '[:space:]')
    [ -n "$value" ] && [ "$value" != 0 ] && [ "$value" != false ]
}

# A missing optional tool skips its check on a developer machine; in CI the
# test command installs every tool, so there a missing one is an error.
have_tool() {
    if command -v "$1" >/dev/null 2>&1; then
        return 0
    fi
    if in_ci; then
        fail "$1 is missing (Debian package: $2); scripts/lib.sh installs it"
    fi
    echo "SKIP: $1 not installed (Debian package: $2), so that check is left out"
    return 1
}

need_tool() {
    command -v "$1" >/dev/null 2>&1 || fail "$1 is missing (Debian package: $2)"
}

need_tool dpkg-deb dpkg
need_tool dpkg-shlibdeps dpkg-dev
need_tool file file
need_tool readelf binutils
need_tool timeout coreutils
need_tool flock util-linux
need_tool gzip gzip
[ -f "$build_dir/CPackConfig.cmake" ] || fail "$build_dir/CPackConfig.cmake missing: is $build_dir a configured build tree?"

work=$(mktemp -d "${TMPDIR:-/tmp}/rtmp-doctor-package.XXXXXX")
installed_by_us=0
gui_pid=""
xvfb_pid=""

uninstall() {
    step "removing the package"
    timeout 120 dpkg --remove "$package" || return 1
    installed_by_us=0
    rm -f "$marker"
}

cleanup() {
    local status=$?
    if [ -n "$gui_pid" ] && kill -0 "$gui_pid" 2>/dev/null; then
        kill -KILL "$gui_pid" 2>/dev/null || true
    fi
    if [ -n "$xvfb_pid" ] && kill -0 "$xvfb_pid" 2>/dev/null; then
        kill -TERM "$xvfb_pid" 2>/dev/null || true
    fi
    if [ "$installed_by_us" = 1 ]; then
        if ! uninstall; then
            echo "FAIL: could not remove $package; remove it by hand: dpkg --remove $package" >&2
            status=1
        fi
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# Two build trees testing at once would install over each other.
# Read-only, so that a lock file another user created serves as well.
[ -e "$lock" ] || : >"$lock"
exec 9<"$lock"
flock --wait 300 9 || fail "another package test still holds $lock after 300 s"

arch=$(dpkg --print-architecture)
deb_name="${package}_${version}_${arch}.deb"

step "building $deb_name with cpack"
if ! timeout 300 "$cpack" -G DEB -B "$work/cpack" --config "$build_dir/CPackConfig.cmake" \
    >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    fail "cpack -G DEB failed (or took longer than 300 s)"
fi
deb="$work/cpack/$deb_name"
if [ ! -f "$deb" ]; then
    ls -l "$work/cpack" >&2
    fail "cpack did not make $deb_name"
fi

step "control fields"
dpkg-deb --info "$deb"
expect_field() {
    local actual
    actual=$(dpkg-deb --field "$deb" "$1")
    [ "$actual" = "$2" ] || fail "control field $1 is '$actual', expected '$2'"
}
expect_field Package "$package"
expect_field Version "$version"
expect_field Architecture "$arch"
expect_field Section video
expect_field Homepage "$homepage"
[ -n "$(dpkg-deb --field "$deb" Maintainer)" ] || fail "no Maintainer"
[ "$(dpkg-deb --field "$deb" Description | wc -l)" -ge 3 ] || fail "the Description has no extended text"
depends=$(dpkg-deb --field "$deb" Depends)
# The linked Qt libraries come from dpkg-shlibdeps; SVG and OpenSSL are loaded
# at run time and must be named by hand.
for dependency in libc6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6svg6 libssl3; do
    if ! printf '%s\n' "$depends" | tr ',' '\n' | sed 's/^ *//' | grep "^$dependency\( \|$\)" >/dev/null; then
        fail "Depends lacks $dependency: $depends"
    fi
done

step "contents"
dpkg-deb --contents "$deb" >"$work/contents.txt"
cat "$work/contents.txt"
# tar listing: mode owner size date time path
awk '{ print $6 }' "$work/contents.txt" >"$work/paths.txt"
expected_paths=(
    "./usr/bin/$package"
    "./usr/share/applications/$package.desktop"
    "./usr/share/metainfo/$appstream_id.metainfo.xml"
    "./usr/share/icons/hicolor/scalable/apps/$package.svg"
    "./usr/share/man/man1/$package.1.gz"
    "./usr/share/doc/$package/copyright"
)
for size in "${icon_sizes[@]}"; do
    expected_paths+=("./usr/share/icons/hicolor/${size}x${size}/apps/$package.png")
done
for path in "${expected_paths[@]}"; do
    grep -qxF "$path" "$work/paths.txt" || fail "the package lacks $path"
done
if grep -v '^\./usr/' "$work/paths.txt" | grep -vx '\./' >/dev/null; then
    fail "the package installs outside /usr: $(grep -v '^\./usr/' "$work/paths.txt" | grep -vx '\./' | head -3)"
fi
if awk '$2 != "root/root"' "$work/contents.txt" | grep . >/dev/null; then
    fail "files not owned by root: $(awk '$2 != "root/root"' "$work/contents.txt" | head -3)"
fi
grep -q "^-rwxr-xr-x .* \./usr/bin/$package$" "$work/contents.txt" || fail "/usr/bin/$package is not mode 0755"

step "unpacked files"
root="$work/root"
dpkg-deb --extract "$deb" "$root"
binary_info=$(file --brief "$root/usr/bin/$package")
echo "$package: $binary_info"
case "$binary_info" in
ELF*", stripped"*) ;;
*) fail "/usr/bin/$package is not a stripped ELF executable: $binary_info" ;;
esac
if readelf --dynamic "$root/usr/bin/$package" | grep -Eq 'RPATH|RUNPATH'; then
    fail "/usr/bin/$package carries a run path: $(readelf --dynamic "$root/usr/bin/$package" | grep -E 'RPATH|RUNPATH')"
fi
for size in "${icon_sizes[@]}"; do
    png="$root/usr/share/icons/hicolor/${size}x${size}/apps/$package.png"
    png_info=$(file --brief "$png")
    case "$png_info" in
    "PNG image data, $size x $size, "*) ;;
    *) fail "${size}x${size} icon is not a $size px PNG: $png_info" ;;
    esac
done
svg_info=$(file --brief "$root/usr/share/icons/hicolor/scalable/apps/$package.svg")
case "$svg_info" in
*SVG*) ;;
*) fail "the scalable icon is not SVG: $svg_info" ;;
esac
gzip --test "$root/usr/share/man/man1/$package.1.gz" || fail "the man page is not valid gzip"

desktop="$root/usr/share/applications/$package.desktop"
grep -qx "Exec=$package" "$desktop" || fail "the desktop entry does not start $package"
grep -qx "Icon=$package" "$desktop" || fail "the desktop entry does not name the $package icon"
grep -qx "Terminal=false" "$desktop" || fail "the desktop entry would open a terminal"
if have_tool desktop-file-validate desktop-file-utils; then
    desktop-file-validate "$desktop" || fail "desktop-file-validate rejects the desktop entry"
fi

metainfo="$root/usr/share/metainfo/$appstream_id.metainfo.xml"
grep -q "<id>$appstream_id</id>" "$metainfo" || fail "the metainfo id is not $appstream_id"
grep -q "<launchable type=\"desktop-id\">$package.desktop</launchable>" "$metainfo" ||
    fail "the metainfo does not launch $package.desktop"
grep -q "<binary>$package</binary>" "$metainfo" || fail "the metainfo does not provide the binary $package"
grep -q "<release version=\"$version\"" "$metainfo" ||
    fail "the metainfo has no <release> for $version: add one to installer/linux/$appstream_id.metainfo.xml"
if have_tool appstreamcli appstream; then
    appstreamcli validate --no-net "$metainfo" || fail "appstreamcli rejects the metainfo"
fi
if have_tool groff groff-base; then
    warnings=$(zcat "$root/usr/share/man/man1/$package.1.gz" | LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z 2>&1)
    [ -z "$warnings" ] || fail "groff warns about the man page: $warnings"
fi

# Install for real as root, unless the package is already there for someone.
install_mode=extract
if [ "$(id -u)" -eq 0 ]; then
    status=$(dpkg-query --show --showformat='${Status}' "$package" 2>/dev/null || true)
    if [ "$status" != "" ] && [ "$status" != "unknown ok not-installed" ] &&
        [ "$status" != "deinstall ok config-files" ]; then
        if [ -f "$marker" ]; then
            echo "a previous run of this test left $package installed; removing it first"
            installed_by_us=1
            uninstall || fail "could not remove the $package a previous run left behind"
        else
            echo "NOTE: $package is installed on this machine ($status) and was not installed by this test;"
            echo "      leaving it alone and checking the unpacked files instead"
            install_mode=keep
        fi
    fi
    [ "$install_mode" = keep ] || install_mode=dpkg
fi

if [ "$install_mode" = dpkg ]; then
    step "installing with dpkg"
    installed_by_us=1
    touch "$marker"
    if ! timeout 120 dpkg --install "$deb"; then
        # dpkg leaves the package unconfigured when a dependency is missing;
        # apt then fetches what dpkg-shlibdeps asked for.
        step "installing missing dependencies with apt-get"
        timeout 240 env DEBIAN_FRONTEND=noninteractive apt-get install --fix-broken --yes --quiet ||
            fail "the package's dependencies cannot be installed"
    fi
    status=$(dpkg-query --show --showformat='${Status}' "$package")
    [ "$status" = "install ok installed" ] || fail "dpkg reports '$status' after installing"
    prefix=""
    dpkg --listfiles "$package" | grep -x "/usr/bin/$package" >/dev/null || fail "dpkg does not list /usr/bin/$package"
    [ -x "/usr/bin/$package" ] || fail "/usr/bin/$package is not there after installing"
else
    step "not installing ($install_mode); running the unpacked copy"
    prefix="$root"
fi
exe="$prefix/usr/bin/$package"

step "command line of the installed program"
"$exe" --version >"$work/version.txt" 2>&1 || fail "$package --version failed: $(cat "$work/version.txt")"
cat "$work/version.txt"
[ "$(head -n 1 "$work/version.txt")" = "RTMP Doctor $version" ] ||
    fail "$package --version says '$(head -n 1 "$work/version.txt")', expected 'RTMP Doctor $version'"
grep -q "TLS: OpenSSL" "$work/version.txt" ||
    fail "the installed program cannot load OpenSSL: $(sed -n 2p "$work/version.txt")"
"$exe" --help >"$work/help.txt" 2>&1 || fail "$package --help failed"
grep -q "^Usage: $package" "$work/help.txt" || fail "$package --help prints no usage: $(cat "$work/help.txt")"
# The man page is written by hand; every option the program lists must be in it.
zcat "$root/usr/share/man/man1/$package.1.gz" | sed 's/\\-/-/g' >"$work/manpage.txt"
for option in lint $(grep -oE -- '--[a-z][a-z-]+' "$work/help.txt" | sort -u); do
    grep -qF -- "$option" "$work/manpage.txt" || fail "the man page does not mention $option, which --help lists"
done
"$exe" lint --list-encoders >"$work/encoders.txt" 2>&1 || fail "$package lint --list-encoders failed"
grep -q "^obs-studio " "$work/encoders.txt" || fail "the installed program has no encoder catalog"

step "starting the installed wizard"
runtime_dir="$work/runtime"
mkdir -m 0700 "$runtime_dir"
gui_log="$work/gui.log"
if have_tool Xvfb xvfb && have_tool xwininfo x11-utils && have_tool xprop x11-utils; then
    # Xvfb picks a free display and reports it, so parallel runs never collide.
    Xvfb -displayfd 8 -screen 0 1280x800x24 -nolisten tcp 8>"$work/display" 2>"$work/xvfb.log" &
    xvfb_pid=$!
    for _ in $(seq 1 100); do
        [ -s "$work/display" ] && break
        kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
        sleep 0.1
    done
    [ -s "$work/display" ] || fail "Xvfb reported no display within 10 s"
    display=":$(tr -d '[:space:]' <"$work/display")"
    env DISPLAY="$display" QT_QPA_PLATFORM=xcb XDG_RUNTIME_DIR="$runtime_dir" "$exe" >"$gui_log" 2>&1 &
    gui_pid=$!
    # The wizard's window: its title, at least its minimum size (a message box
    # about damaged data would be smaller), the class the desktop entry names,
    # and an icon. Qt sets the icon a moment after it creates the window, so
    # both are awaited; no icon at all means Qt's SVG plugins are missing.
    startup_class=$(sed -n 's/^StartupWMClass=//p' "$desktop")
    window=""
    has_icon=no
    for _ in $(seq 1 150); do
        kill -0 "$gui_pid" 2>/dev/null || fail "the installed wizard exited at start: $(cat "$gui_log")"
        if [ -z "$window" ]; then
            window=$(DISPLAY="$display" xwininfo -root -tree 2>/dev/null |
                awk -v class="${startup_class:-$package}" '
                    index($0, "\"RTMP Doctor\": (\"") && index($0, "\"" class "\")") {
                        split($0, parts, ")  "); split(parts[2], geometry, "+"); split(geometry[1], size, "x")
                        if (size[1] >= 760 && size[2] >= 540) { print $1; exit }
                    }')
        fi
        if [ -n "$window" ] && DISPLAY="$display" xprop -id "$window" _NET_WM_ICON 2>/dev/null | grep "Icon (" >/dev/null; then
            has_icon=yes
            break
        fi
        sleep 0.1
    done
    if [ -z "$window" ]; then
        DISPLAY="$display" xwininfo -root -tree >&2 || true
        fail "no 'RTMP Doctor' window of at least 760x540 with class ${startup_class:-$package} within 15 s"
    fi
    [ "$has_icon" = yes ] || fail "the wizard window got no icon within 15 s: is libqt6svg6 installed?"
    echo "wizard window $window on $display, class ${startup_class:-$package}, with its icon"
else
    env QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$runtime_dir" "$exe" >"$gui_log" 2>&1 &
    gui_pid=$!
fi
# Still running a moment later: nothing failed after the first window appeared.
for _ in $(seq 1 20); do
    kill -0 "$gui_pid" 2>/dev/null || fail "the installed wizard exited: $(cat "$gui_log")"
    sleep 0.1
done
kill -TERM "$gui_pid"
for _ in $(seq 1 100); do
    kill -0 "$gui_pid" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$gui_pid" 2>/dev/null && fail "the wizard was still running 10 s after SIGTERM"
gui_status=0
wait "$gui_pid" || gui_status=$?
gui_pid=""
# 128 + SIGTERM: the app has no handler of its own and must not crash instead.
[ "$gui_status" -eq 143 ] || fail "the wizard ended with status $gui_status on SIGTERM, expected 143"
if [ -s "$gui_log" ]; then
    echo "the wizard printed:"
    cat "$gui_log"
fi
if grep -Eiq 'error|fail|could not|cannot|unable|not found|qt\.qpa|qt\.svg|critical|fatal|assert' "$gui_log"; then
    fail "the wizard printed warnings at start (above)"
fi

if [ "$install_mode" = dpkg ]; then
    uninstall || fail "dpkg --remove $package failed"
    status=$(dpkg-query --show --showformat='${Status}' "$package" 2>/dev/null || true)
    case "$status" in
    "" | "unknown ok not-installed" | "deinstall ok config-files") ;;
    *) fail "dpkg still reports '$status' after removing" ;;
    esac
    [ ! -e "/usr/bin/$package" ] || fail "/usr/bin/$package is still there after removing"
fi

echo "PASS: $deb_name builds, validates, installs ($install_mode), starts and goes away cleanly"
