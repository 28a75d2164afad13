# Sourced by scripts/test and scripts/app: `apt_install PACKAGE…` installs
# Debian packages (as root, or with sudo), trying again while another apt
# run holds the lock.
apt_install() {
    [ "$#" -gt 0 ] || return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    local attempt
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        if $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"; then
            return 0
        fi
        sleep 15
    done
    echo "apt-get could not install: $*" >&2
    return 1
}

# The libraries the desktop app builds against, when missing.
webkit_packages() {
    { command -v pkg-config >/dev/null && pkg-config --exists webkit2gtk-4.1 javascriptcoregtk-4.1 libsoup-3.0; } ||
        echo build-essential pkg-config libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
}
