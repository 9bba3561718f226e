-- The resource types FailSafe ships, their attributes, and the OCF resource
-- agents they correspond to (agent names and parameters as installed under
-- /usr/lib/ocf/resource.d/heartbeat/ by Debian's resource-agents).
--
-- Entry fields:
--   order       start order as shipped (start ascending, stop descending)
--   agent       "class:provider:type"; absent: the type's own FailSafe action
--               scripts run it (agent class "failsafe", type = the type name)
--   also        further agents that export as this type
--   name_param  the agent parameter that holds the resource name (FailSafe
--               keys a resource by name and type; the name is a mount point,
--               an address, ...)
--   name_form   "ipv4": the name must be a dotted-decimal address
--   attributes  in write order: { name = FailSafe attribute,
--                 param = agent parameter, to_ocf / from_ocf = converters,
--                 or keep = true: no parameter, kept as a FailSafe extension }
--               A converter must depend on its argument only: within one
--               translation each (converter, value) is run once and its
--               result reused (a failing call is not reused).
--   defaults    agent parameters FailSafe has no attribute for, set on import;
--               a parameter equal to its default is not a loss on export
--   option_params  agent parameters that repeat an option of the
--               comma-separated list in parameter `options_param`
--               (param = option word): set from a `word=value` option on
--               import; on export not a loss when the option says the same
--   depends     resource types this one depends on (documentation; FailSafe
--               orders them by `order`)
--
-- A type not listed here is site-defined: agent "failsafe:TYPE", every
-- attribute a parameter of the same name.

-- NetworkMask is hexadecimal ("0xffffff00"); IPaddr2 wants a prefix length.
-- The conversions are lua/common/units.lua's (section netmask); nil for a
-- mask whose bits are not contiguous.
local function cidr_from_mask(text)
  local bits = quirk("netmask", "to_cidr")(text)
  if bits == nil then return nil end
  return tostring(bits)
end

local function hex_from_cidr(text)
  return (quirk("netmask", "hex_from_cidr")(text))
end

-- A FailSafe volume name is the device's name under /dev.
local function device_from_volume(text)
  if string.sub(text, 1, 1) == "/" then return text end
  return "/dev/" .. text
end

local function volume_from_device(text)
  local rest = string.match(text, "^/dev/([^/]+)$")
  return rest or text
end

return {
  resource_types = {
    MAC_address = { order = 10 },
    volume = {
      order = 20,
      agent = "ocf:heartbeat:LVM-activate",
      name_param = "vgname",
      attributes = {
        { name = "devname-owner", keep = true },
        { name = "devname-group", keep = true },
        { name = "devname-mode", keep = true },
      },
    },
    filesystem = {
      order = 30,
      agent = "ocf:heartbeat:Filesystem",
      name_param = "directory",
      attributes = {
        { name = "volume-name", param = "device", to_ocf = device_from_volume,
          from_ocf = volume_from_device },
        { name = "mount-options", param = "options" },
        { name = "monitoring-level", keep = true },
      },
      depends = { "volume" },
    },
    NFS = {
      order = 201,
      agent = "ocf:heartbeat:exportfs",
      name_param = "directory",
      attributes = {
        { name = "export-info", param = "options" },
        { name = "filesystem", keep = true },
      },
      -- export-info holds options only; FailSafe exports to every client.
      defaults = { clientspec = "*" },
      -- exportfs requires an fsid; an fsid=N in export-info is that fsid.
      options_param = "options",
      option_params = { fsid = "fsid" },
      depends = { "filesystem" },
    },
    IP_address = {
      order = 401,
      agent = "ocf:heartbeat:IPaddr2",
      also = { "ocf:heartbeat:IPaddr" },
      name_param = "ip",
      name_form = "ipv4",
      attributes = {
        { name = "NetworkMask", param = "cidr_netmask", to_ocf = cidr_from_mask,
          from_ocf = hex_from_cidr },
        { name = "interfaces", param = "nic" },
        { name = "BroadcastAddress", param = "broadcast" },
      },
    },
    statd = {
      order = 411,
      agent = "ocf:heartbeat:nfsserver",
      name_param = "nfs_shared_infodir",
      attributes = {},
    },
    Samba = {
      order = 502,
      agent = "ocf:heartbeat:smb-share",
      name_param = "share",
      attributes = {},
    },
    -- Shipped, but their order numbers and attributes were not found: they
    -- take the site default order and keep every attribute as written.
    Netscape_web = {},
    template = {},
  },
  -- Order of a type that has none (a site-defined type exported from another
  -- product, or a shipped type whose order is not known): site types started
  -- after IP_address are numbered 701-999.
  site_type_defaults = {
    order = { value = 701 },
  },
}
