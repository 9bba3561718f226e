-- Kimberlite [services]: service fields, the failover policy they give,
-- and the OCF resource agent each part of a service becomes.
--
-- Field rules: { param | meta = MODEL NAME, field = PATH RELATIVE TO THE
-- BLOCK, check = C++ value check, convert = entry of `conversions`,
-- required = true }. Resource ids are SERVICE-IDNUMBER ("web-ip0").
return {
  services = {
    fields = {
      name = "name",
      disabled = "disabled",
      preferred_node = "preferredNode",
      relocate = "relocateOnPreferredNodeBoot",
      user_script = "userScript",
      check_interval = "checkInterval",
    },
    -- The word for "no value" in preferredNode, userScript, sharename.
    none = "None",
    -- preferredNode = None: the domain lists the members in order and this
    -- policy attribute records that none is preferred (so it round-trips).
    no_preference = { attribute = "preferred_node", value = "none" },
    -- checkInterval of a service without a userScript: group meta.
    check_interval_meta = "check_interval",
  },

  agents = {
    network = {
      block = "network",
      id = "ip",
      agent = "ocf:heartbeat:IPaddr2",
      accepts = { "ocf:heartbeat:IPaddr2", "ocf:heartbeat:IPaddr" },
      params = {
        { param = "ip", field = "ipAddress", check = "ip", required = true },
        { param = "cidr_netmask", field = "netmask", check = "netmask", convert = "netmask" },
        { param = "broadcast", field = "broadcast", check = "ip" },
      },
    },
    -- A device with a mount block.
    filesystem = {
      block = "device",
      id = "fs",
      agent = "ocf:heartbeat:Filesystem",
      accepts = { "ocf:heartbeat:Filesystem" },
      params = {
        { param = "device", field = "name", check = "path", required = true },
        { param = "directory", field = "mount%name", check = "path", required = true },
        { param = "fstype", field = "mount%fstype" },
        { param = "options", field = "mount%options" },
        { param = "force_unmount", field = "mount%forceUnmount", check = "yesno", convert = "truefalse" },
      },
      -- Filesystem has no parameters for these; they ride as meta
      -- attributes so the agent is not handed parameters it rejects.
      meta = {
        { meta = "device_owner", field = "owner" },
        { meta = "device_group", field = "group" },
        { meta = "device_mode", field = "mode" },
      },
    },
    -- A device without a mount block (a raw device a database uses): no
    -- standard OCF agent sets a device's owner and mode, so it is named
    -- for the bridge's own provider.
    raw_device = {
      block = "device",
      id = "dev",
      agent = "ocf:ocfbridge:kimberlite-device",
      accepts = { "ocf:ocfbridge:kimberlite-device" },
      params = {
        { param = "device", field = "name", check = "path", required = true },
        { param = "owner", field = "owner" },
        { param = "group", field = "group" },
        { param = "mode", field = "mode" },
      },
    },
    -- One exportfs resource per NFS directory and client.
    nfs_export = {
      agent = "ocf:heartbeat:exportfs",
      id = "nfs",
      container = "mount%NFSexports",
      directory_block = "directory",
      client_block = "client",
      directory_param = "directory",
      client_param = "clientspec",
      options_param = "options",
      -- exportfs requires an fsid that Kimberlite has no field for; an
      -- fsid=N export option is copied to it, and written back as one.
      fsid_param = "fsid",
    },
    -- device `sharename` (not None): a Samba share of the mount point.
    samba_share = {
      agent = "ocf:heartbeat:smb-share",
      id = "smb",
      field = "sharename",
      share_param = "share",
      path_param = "path",
    },
    -- userScript: run with start / stop / status by the agent bridge's
    -- Kimberlite script kind; checkInterval is its monitor interval.
    user_script = {
      class = "kimberlite",
      id = "script",
      monitor = "monitor",
      -- A userScript directly in one of these directories is an init
      -- script: the model's lsb:NAME, which heartbeat (init scripts by
      -- name) and FailSafe can carry. lsb:NAME from another product is
      -- written with the first directory; a script read from another one
      -- keeps its directory on a Kimberlite round trip. Any other path
      -- stays a script of class `class` named by its path.
      init_directories = { "/etc/init.d/", "/etc/rc.d/init.d/" },
    },
  },
}
