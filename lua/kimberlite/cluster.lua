-- Kimberlite cluster-wide fields: [cluster], [database] and the daemon
-- sections, and what each becomes in the OCF model.
--
-- A rule { path = "SECTION%KEY", property = NAME, check = ... } carries a
-- field as a cluster property. `check` names a C++ value check (ip,
-- netmask, path, yesno, uint, loglevel); a bad value is a located error.
return {
  cluster = {
    name = "cluster%name",
    properties = {
      { path = "cluster%alias_ip", property = "alias_ip", check = "ip" },
      { path = "database%version", property = "kimberlite_database_version" },
      -- Daemon log levels (syslog 0-7) [inf: the set of daemons].
      { path = "cluhbd%logLevel", property = "cluhbd_log_level", check = "loglevel" },
      { path = "clupowerd%logLevel", property = "clupowerd_log_level", check = "loglevel" },
      { path = "cluquorumd%logLevel", property = "cluquorumd_log_level", check = "loglevel" },
      { path = "clusvcmgrd%logLevel", property = "clusvcmgrd_log_level", check = "loglevel" },
      { path = "clulockd%logLevel", property = "clulockd_log_level", check = "loglevel" },
    },
    -- Sections carried unchanged as extensions, without the unknown-key
    -- warning: clumanager's [powercontrollers] (powercontroller0 with
    -- type, IPaddr, login, passwd) -- how a member refers to one is not
    -- known [inf], so they are not mapped to node fencing attributes.
    kept = { "powercontrollers" },
    -- Regenerated on every write, so not configuration: not carried.
    ignored = { "cluster%timestamp" },
    -- Written when the model has no value for them (a file from another
    -- product still needs them).
    defaults = {
      { path = "database%version", value = "2.0" },
    },
  },
  -- Heartbeat timing [inf: names and unit]: keepalive = interval,
  -- dead time = interval * tko_count.
  timing = {
    heartbeat = { interval = "cluhbd%interval", tko_count = "cluhbd%tko_count", unit_ms = 1000 },
  },
}
