"""The names of the environment variables Token Desk reads: one home, so no copy is left behind by a rename.

(build.spec's TOKEN_DESK_ONEFILE and TOKEN_DESK_CONSOLE are read by the build, not by the app.)
"""

# The management token for a one-off `token-desk --url …` connection: read, never stored.
MANAGEMENT_TOKEN = "INFLUX_MANAGEMENT_TOKEN"
# Where settings and profiles live instead of the platform's config folder (tests, the self-test).
CONFIG_DIR = "TOKEN_DESK_CONFIG_DIR"
# Where the action history lives instead of the platform's data folder (else beside CONFIG_DIR if set).
DATA_DIR = "TOKEN_DESK_DATA_DIR"
# The influxctl program to run, after --influxctl and before the Connections setting (api/influxctl/locate.py).
INFLUXCTL = "TOKEN_DESK_INFLUXCTL"
# "light" or "dark": the colour scheme, for desktops that do not report one (ui/common/palette.py).
COLOR_SCHEME = "TOKEN_DESK_COLOR_SCHEME"
# "1" turns on the debug log on stderr.
DEBUG = "TOKEN_DESK_DEBUG"
# keyring's own choice of backend; Token Desk honours it and names it in its advice.
KEYRING_BACKEND = "PYTHON_KEYRING_BACKEND"
# Read before Qt starts (token_desk.startup_environment): which platform plugin, which screen, which bus.
QT_PLATFORM = "QT_QPA_PLATFORM"
X11_DISPLAY = "DISPLAY"
WAYLAND_DISPLAY = "WAYLAND_DISPLAY"
SESSION_BUS = "DBUS_SESSION_BUS_ADDRESS"
XDG_RUNTIME_DIR = "XDG_RUNTIME_DIR"
