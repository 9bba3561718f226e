-- Kimberlite [members]: field names of member, channel and power switch,
-- and the fencing agent each powerSwitchType becomes.
return {
  members = {
    fields = { id = "id", name = "name" },
    -- Kimberlite is a two-node cluster (clumanager 1.0 too).
    max = 2,
    -- Each quorum partition becomes a disk channel of the member, with
    -- this channel attribute naming its role.
    quorum = {
      attribute = "quorum_partition",
      partitions = {
        { field = "quorumPartitionPrimary", role = "primary" },
        { field = "quorumPartitionShadow", role = "shadow" },
      },
    },
    chan = { block = "chan", name = "name", type = "type" },
  },

  -- chan `type` values. A net channel's `name` is a host name (unicast
  -- channel of the member, address = name) or, when is_interface says
  -- so, an interface (broadcast channel on that interface).
  channel_types = {
    net = { kind = "unicast", interface_kind = "broadcast" },
    serial = { kind = "serial" },
  },
  channel_names = {
    is_interface = function(name)
      return string.match(name, "^eth%d+$") ~= nil
          or string.match(name, "^bond%d+$") ~= nil
          or string.match(name, "^en[ops]%w+$") ~= nil
    end,
  },

  -- Power switch fields of a member -> node attributes.
  power_switch = {
    fields = {
      { field = "powerSwitchType", attribute = "fence_agent", values = "power_switch_types" },
      { field = "powerSerialPort", attribute = "fence_serial_port", check = "path" },
      { field = "powerSwitchIPaddr", attribute = "fence_ip", check = "ip" },
      { field = "powerUser", attribute = "fence_login" },
      { field = "powerPassword", attribute = "fence_password", secret = true },
    },
  },

  -- powerSwitchType -> fencing agent. fence_rps10, fence_wti, fence_apc
  -- and fence_baytech are real fence-agent names for these switches;
  -- APCSerial has none [inf]; SW_WATCHDOG is self-fencing through the
  -- software watchdog ("watchdog", as Pacemaker names watchdog fencing);
  -- NONE says explicitly that there is no switch. A type not listed is
  -- kept as it is (with a warning); on export a fence_* agent with no
  -- entry here is a loss.
  power_switch_types = {
    RPS10 = "fence_rps10",
    WTI_NPS = "fence_wti",
    APCMaster = "fence_apc",
    APCSerial = "fence_apc_serial",
    BAYTECH = "fence_baytech",
    SW_WATCHDOG = "watchdog",
    NONE = "none",
  },
}
