#!/bin/bash
# hb-check.sh — let the real heartbeat 3.0.6 daemon judge a configuration directory.
#
# Starts ONE heartbeat daemon on CONFIG_DIR (ha.cf, haresources, authkeys) inside private
# mount, UTS, network and PID namespaces, so it touches nothing of this machine: the config is
# copied into a work dir that is bind-mounted over /etc/ha.d (with copies of the real
# resource.d, rc.d, shellfuncs, harc), /var/lib/heartbeat is a private dir, /run is a private
# tmpfs holding /run/heartbeat, every interface named by a media line exists as a veth inside
# the private netns, and the host name is the first `node` of ha.cf.
#
# The daemon is the referee. It validates ha.cf, then logs "Configuration validated", then
# checks haresources and authkeys; any error ends in "Configuration error, heartbeat not
# started." and exit status 6. A configuration is accepted only when the daemon is still
# running SECONDS later (default 4) and no log says "Configuration error".
#
# What the daemon logs is captured from its stderr (everything up to daemonising), from a
# private /dev/log (syslog after daemonising) and from ha.cf's logfile/debugfile, which are
# redirected into the work dir through an overlay on their directory.
#
# Exit: 0 accepted, 1 rejected (the daemon's reason lines are printed), 2 harness failure.
# Every process runs in the private PID namespace and is killed by PID before it ends; the
# namespaces, mounts and veths vanish with it; the work dir is removed (unless --keep).

set -u
readonly kHeartbeat=${HB_CHECK_DAEMON:-/usr/libexec/heartbeat/heartbeat}
readonly kRealHaD=/etc/ha.d
readonly kNoise='heartbeat: (udpport|baudrate) setting must precede media statements'

usage() {
  cat <<'EOF'
usage: hb-check.sh [--node NAME] [--log FILE] [--keep] [--verbose] CONFIG_DIR [SECONDS]

Runs the real heartbeat daemon on CONFIG_DIR in private namespaces and reports its verdict.
  --node NAME   host name (uname -n) to run as; default: the first `node` of ha.cf
  --log FILE    write everything the daemon logged to FILE
  --keep        keep the work dir (printed) for inspection
  --verbose     print the whole daemon log
  SECONDS       how long the daemon must keep running to be accepted (default 4)
Exit: 0 accepted, 1 rejected (reason lines printed), 2 harness failure. Needs root.
EOF
}

fail_harness() { echo "hb-check: harness failure: $*" >&2; exit 2; }

# ---------------------------------------------------------------- inside the namespaces --
# Runs as PID 1 of the private PID namespace, cwd = the work dir (so relative paths keep
# reaching it even if an overlay later covers its parent). Prints KEY=VALUE lines to stdout.
inner_main() {
  local host=$1 seconds=$2 nif=$3
  shift 3
  local ifaces=("${@:1:nif}")
  shift "$nif"
  local logdirs=("$@")
  set -e
  mount --make-rprivate /
  hostname "$host"
  ip link set lo up
  local i=0 ifc
  for ifc in "${ifaces[@]}"; do
    ip link add "$ifc" type veth peer name "hbchk-peer$i" ||
      { echo "HARNESS=cannot create interface [$ifc]"; exit 0; }
    ip addr add "10.77.$((100 + i)).1/24" brd + dev "$ifc"
    ip link set "hbchk-peer$i" up
    ip link set "$ifc" up
    i=$((i + 1))
  done
  # ucast peers may live on any network: a default route lets the daemon's writers send.
  if ((nif > 0)); then ip route add default dev "${ifaces[0]}"; fi
  # ha.cf log directories first: an overlay hides the mounts below it, so they come later.
  i=0
  local d
  for d in "${logdirs[@]}"; do
    mkdir -p "ov/$i/upper" "ov/$i/work"
    mount -t overlay overlay -o "lowerdir=$d,upperdir=$PWD/ov/$i/upper,workdir=$PWD/ov/$i/work" "$d"
    i=$((i + 1))
  done
  mount --bind "$PWD/etc" /etc/ha.d
  mount --bind "$PWD/lib" /var/lib/heartbeat
  mount -t tmpfs -o mode=755 tmpfs /run
  mkdir -p /run/heartbeat/ccm /run/heartbeat/crm /run/heartbeat/dopd /run/resource-agents /run/lock
  chown -R hacluster:haclient /run/heartbeat
  chmod 750 /run/heartbeat
  # A private /dev/log: host devices stay visible through the overlay, the socket is ours.
  mkdir -p dev/upper dev/work
  mount -t overlay overlay -o "lowerdir=/dev,upperdir=$PWD/dev/upper,workdir=$PWD/dev/work" /dev
  mount -t tmpfs tmpfs /dev/shm
  perl -MIO::Socket::UNIX -e '
    $| = 1;
    my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM(), Local => "/dev/log") or die "$!\n";
    open(my $out, ">>", $ARGV[0]) or die "$!\n";
    $out->autoflush(1);
    while (defined $s->recv(my $buf, 65536)) { $buf =~ s/\0$//; print $out "$buf\n"; }
  ' "$PWD/syslog.txt" &
  local _
  for _ in $(seq 50); do [[ -S /dev/log ]] && break; sleep 0.1; done
  [[ -S /dev/log ]] || { echo "HARNESS=syslog listener did not start"; exit 0; }
  set +e
  ulimit -l unlimited 2>/dev/null # the daemon locks itself into memory

  "$kHeartbeat" </dev/null >daemon.out 2>&1
  local rc=$?
  echo "RC=$rc"
  local alive=no pid=
  if ((rc == 0)); then
    # The parent exits before the daemonised master writes its pid file: until the file
    # shows up there is nothing to watch yet; a master that never writes it is not running.
    alive=yes
    local deadline=$((SECONDS + seconds))
    while ((SECONDS < deadline)); do
      [[ -n "$pid" ]] || pid=$(cat /run/heartbeat.pid 2>/dev/null)
      if [[ -n "$pid" ]] && { ! kill -0 "$pid" 2>/dev/null || is_zombie "$pid"; }; then
        alive=no
        break
      fi
      sleep 0.2
    done
    [[ -n "$pid" ]] || pid=$(cat /run/heartbeat.pid 2>/dev/null)
    [[ -n "$pid" ]] || alive=no
  fi
  echo "PID=$pid"
  echo "ALIVE=$alive"
  kill_all_but_me
}

is_zombie() { [[ "$(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null)" == Z ]]; }

# SIGKILL every other process of this PID namespace by PID (the daemon, its children,
# resource scripts, the syslog listener), then wait until none is left but zombies.
kill_all_but_me() {
  local p left _
  for _ in $(seq 50); do
    left=0
    for p in /proc/[0-9]*; do
      p=${p#/proc/}
      [[ "$p" == "$$" || "$p" == 1 ]] && continue
      is_zombie "$p" && continue
      [[ -d "/proc/$p" ]] || continue
      kill -KILL "$p" 2>/dev/null && left=$((left + 1))
    done
    ((left == 0)) && { echo "CLEAN=yes"; return; }
    wait 2>/dev/null
    sleep 0.1
  done
  echo "CLEAN=no"
}

# ---------------------------------------------------------------------------- outside --
# Prints the words of ha.cf's active lines whose keyword matches $1 (case-insensitive),
# one line per directive, keyword removed.
directive_args() {
  local want=$1 line kw rest
  while IFS= read -r line || [[ -n "$line" ]]; do
    line=${line%%#*}
    read -r kw rest <<<"$line"
    [[ -n "$kw" && "${kw,,}" == "$want" ]] && printf '%s\n' "$rest"
  done <"$cfg/ha.cf"
}

# Interfaces named by media lines: bcast IF..., mcast/mcast6 IF ..., ucast/ucast6 IF PEER.
media_interfaces() {
  { directive_args bcast | tr -s ' \t' '\n'
    directive_args mcast | awk '{print $1}'
    directive_args mcast6 | awk '{print $1}'
    directive_args ucast | awk '{print $1}'
    directive_args ucast6 | awk '{print $1}'; } | awk 'NF && !seen[$0]++'
}

# Directories of ha.cf's logfile/debugfile that need an overlay (those outside the
# directories that are private anyway) and, for each log, where its captured copy lands.
plan_logs() {
  local p d
  for p in $(directive_args logfile; directive_args debugfile); do
    [[ "$p" == /* ]] || continue
    case "$p" in
      /etc/ha.d/*) captured+=("$work/etc/${p#/etc/ha.d/}") ;;
      /var/lib/heartbeat/*) captured+=("$work/lib/${p#/var/lib/heartbeat/}") ;;
      /run/* | /var/run/* | /dev/* | /proc/* | /sys/*) ;;
      *)
        d=$(dirname "$p")
        [[ -d "$d" ]] || continue
        local idx=-1 j
        for j in "${!logdirs[@]}"; do [[ "${logdirs[$j]}" == "$d" ]] && idx=$j; done
        if ((idx < 0)); then
          logdirs+=("$d")
          idx=$((${#logdirs[@]} - 1))
        fi
        captured+=("$work/ov/$idx/upper/$(basename "$p")")
        ;;
    esac
  done
}

check_tools() {
  ((EUID == 0)) || fail_harness "must run as root (namespaces, mounts)"
  local t
  for t in unshare ip mount perl hostname awk; do
    command -v "$t" >/dev/null || fail_harness "missing tool: $t"
  done
  [[ -x "$kHeartbeat" ]] || fail_harness "missing $kHeartbeat (Debian package heartbeat)"
  [[ -d "$kRealHaD/resource.d" ]] || fail_harness "missing $kRealHaD/resource.d (package heartbeat)"
  id hacluster >/dev/null 2>&1 || fail_harness "missing user hacluster (package heartbeat)"
}

# Copies the real /etc/ha.d support files, then the configuration over them.
stage_config() {
  mkdir -p "$work/etc" "$work/lib"
  cp -a "$kRealHaD/." "$work/etc/" || fail_harness "cannot copy $kRealHaD"
  rm -f "$work/etc/ha.cf" "$work/etc/haresources" "$work/etc/authkeys"
  cp -a "$cfg/." "$work/etc/" || fail_harness "cannot copy $cfg"
  # Mirror the package's /var/lib/heartbeat directories (empty, same owners and modes).
  local sub
  while IFS= read -r sub; do
    mkdir -p "$work/lib/$sub"
    chown --reference="/var/lib/heartbeat/$sub" "$work/lib/$sub"
    chmod --reference="/var/lib/heartbeat/$sub" "$work/lib/$sub"
  done < <(cd /var/lib/heartbeat 2>/dev/null && find . -type d)
}

cleanup() {
  if [[ -n "${ns_pid:-}" ]] && kill -0 "$ns_pid" 2>/dev/null; then
    kill -KILL "$ns_pid" 2>/dev/null # --kill-child takes the namespace's PID 1 with it
    wait "$ns_pid" 2>/dev/null
  fi
  if [[ -n "${work:-}" && -d "$work" ]]; then
    if ((keep)); then echo "hb-check: work dir kept: $work" >&2; else rm -rf "$work"; fi
  fi
}

# Everything the daemon logged, noise removed, in one stream.
daemon_log() {
  local f
  for f in "$work/daemon.out" "$work/syslog.txt" "${captured[@]}"; do
    [[ -f "$f" ]] && cat "$f"
  done | sed -E "s/$kNoise//g" | awk 'NF'
}

outer_main() {
  local node="" logcopy="" verbose=0
  keep=0
  while (($#)); do
    case "$1" in
      --node) node=${2:?--node needs a name}; shift 2 ;;
      --log) logcopy=${2:?--log needs a file}; shift 2 ;;
      --keep) keep=1; shift ;;
      --verbose) verbose=1; shift ;;
      -h | --help) usage; exit 0 ;;
      --) shift; break ;;
      -*) usage >&2; exit 2 ;;
      *) break ;;
    esac
  done
  (($# >= 1 && $# <= 2)) || { usage >&2; exit 2; }
  cfg=$1
  local seconds=${2:-4}
  [[ "$seconds" =~ ^[0-9]+$ ]] && ((seconds >= 1 && seconds <= 600)) ||
    fail_harness "SECONDS must be 1..600, got [$seconds]"
  [[ -d "$cfg" ]] || fail_harness "not a directory: $cfg"
  cfg=$(cd "$cfg" && pwd)
  check_tools

  if [[ -z "$node" && -f "$cfg/ha.cf" ]]; then
    node=$(directive_args node | awk 'NF {print $1; exit}')
  fi
  [[ -n "$node" ]] || node=hbcheck # no node: the daemon will say so
  local ifaces=()
  [[ -f "$cfg/ha.cf" ]] && mapfile -t ifaces < <(media_interfaces)

  work=$(mktemp -d "${TMPDIR:-/tmp}/hb-check.XXXXXX") || fail_harness "mktemp failed"
  trap cleanup EXIT
  trap 'exit 2' INT TERM HUP
  logdirs=()
  captured=()
  [[ -f "$cfg/ha.cf" ]] && plan_logs
  stage_config

  (cd "$work" && exec unshare --mount --uts --net --pid --kill-child --mount-proc \
    --propagation private -- /bin/bash "$self" --inner "$node" "$seconds" \
    "${#ifaces[@]}" "${ifaces[@]}" "${logdirs[@]}") >"$work/inner.out" 2>"$work/inner.err" &
  ns_pid=$!
  wait "$ns_pid"
  local ns_rc=$?
  ns_pid=

  local rc alive clean harness
  rc=$(sed -n 's/^RC=//p' "$work/inner.out")
  alive=$(sed -n 's/^ALIVE=//p' "$work/inner.out")
  clean=$(sed -n 's/^CLEAN=//p' "$work/inner.out")
  harness=$(sed -n 's/^HARNESS=//p' "$work/inner.out")
  [[ -n "$logcopy" ]] && daemon_log >"$logcopy"
  if [[ -n "$harness" ]]; then fail_harness "$harness"; fi
  if [[ -z "$rc" || -z "$alive" ]]; then
    sed 's/^/  /' "$work/inner.err" >&2
    fail_harness "namespace setup failed (unshare exit $ns_rc)"
  fi
  [[ "$clean" == yes ]] || fail_harness "daemon processes would not die"
  ((verbose)) && daemon_log | sed 's/^/  | /'

  if ((rc == 0)) && [[ "$alive" == yes ]] && ! daemon_log | grep -q 'Configuration error'; then
    echo "hb-check: ACCEPTED: heartbeat ran ${seconds}s as node [$node] on $cfg"
    return 0
  fi
  local why="exit status $rc"
  ((rc == 0)) && why="daemon stopped within ${seconds}s"
  echo "hb-check: REJECTED ($why) as node [$node] on $cfg"
  # The same line reaches us on stderr and through syslog: print each reason once, without
  # time stamp, host and pid, so callers can match on the daemon's own words.
  local reasons
  reasons=$(daemon_log | grep -oE '(ERROR|CRIT|EMERG): .*' | awk '!seen[$0]++')
  [[ -n "$reasons" ]] || reasons=$(daemon_log | tail -n 10)
  printf '%s\n' "$reasons" | sed 's/^/  /'
  return 1
}

self=$(readlink -f "$0")
if [[ "${1:-}" == --inner ]]; then
  shift
  inner_main "$@"
  exit 0
fi
outer_main "$@"
