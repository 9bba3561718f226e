-- heartbeat v1 resource.d scripts -> OCF resource agents.
--
-- A haresources entry NAME::A1::A2... runs /etc/ha.d/resource.d/NAME with
-- positional arguments. Every standard script of heartbeat 3.0.6 is a thin
-- wrapper (hto-mapfuncs) that exports OCF_RESKEY_* variables and runs the OCF
-- agent ocf:heartbeat:<same name>; the argument order below is taken from each
-- script's usage text and body in /etc/ha.d/resource.d/.
--
-- An entry:
--   agent   the OCF agent (class:provider:type) the script drives
--   params  positional argument i -> OCF parameter params[i]
--   min/max how many arguments the script accepts (max = -1: unbounded)
--   parse   optional function(args) -> { params = {{name, value}, ...} }
--           or { error = "why" }; used when arguments are not plainly positional
--   format  optional function(params) -> { args = {...} } or { error = "why" };
--           params is a table name -> value; the inverse of parse
--
-- C++ owns the haresources grammar (NODE, "::" splitting, IP shorthand);
-- these tables only say what the arguments mean. A site adds its own scripts
-- by returning more entries from a file in the --quirks directory.

local find, sub, match = string.find, string.sub, string.match

-- Called for every resource of a configuration (10,000 in the benchmark), so
-- written without throwaway tables.
local function split(text, sep)
  local out, n, start = {}, 0, 1
  while true do
    local i = find(text, sep, start, true)
    n = n + 1
    if not i then
      out[n] = sub(text, start)
      return out
    end
    out[n] = sub(text, start, i - 1)
    start = i + #sep
  end
end

local function octet(text)
  return #text <= 3 and tonumber(text) <= 255
end

local function is_ipv4(text)
  local a, b, c, d = match(text, "^(%d+)%.(%d+)%.(%d+)%.(%d+)$")
  return a ~= nil and octet(a) and octet(b) and octet(c) and octet(d)
end

local function is_netmask_bits(text)
  local n = tonumber(string.match(text, "^%d+$") or "")
  return n ~= nil and n <= 32
end

-- IPaddr / IPaddr2: IP[/BITS[/IFACE[/BROADCAST]]]. The scripts treat a third
-- field that starts with a digit as the broadcast address (no interface).
local function parse_ipaddr_fields(args)
  local fields = split(args[1], "/")
  local ip = fields[1]
  if not is_ipv4(ip) then
    return { error = "'" .. ip .. "' is not an IPv4 address" }
  end
  if #fields > 4 then
    return { error = "too many '/' fields in '" .. args[1] .. "' (IP/BITS/IFACE/BROADCAST)" }
  end
  local params = { { "ip", ip } }
  if fields[2] then
    if not is_netmask_bits(fields[2]) then
      return { error = "netmask '" .. fields[2] .. "' is not a number of bits 0-32" }
    end
    params[#params + 1] = { "cidr_netmask", fields[2] }
  end
  local third, fourth = fields[3], fields[4]
  if third and third ~= "" then
    if string.match(third, "^%d") then
      if fourth then
        return { error = "a broadcast address cannot be followed by another field" }
      end
      if not is_ipv4(third) then
        return { error = "broadcast '" .. third .. "' is not an IPv4 address" }
      end
      params[#params + 1] = { "broadcast", third }
    else
      params[#params + 1] = { "nic", third }
      if fourth and fourth ~= "" then
        if not is_ipv4(fourth) then
          return { error = "broadcast '" .. fourth .. "' is not an IPv4 address" }
        end
        params[#params + 1] = { "broadcast", fourth }
      end
    end
  elseif third == "" and fourth then
    return { error = "empty interface field in '" .. args[1] .. "'" }
  end
  return { params = params }
end

-- The usual spellings, IP/BITS/IFACE, IP/BITS/BROADCAST and
-- IP/BITS/IFACE/BROADCAST, read with a few anchored matches and table lookups
-- instead of the field-by-field checks above: a fraction of the
-- instructions, and a large haresources file has thousands of these lines.
-- OCTET holds exactly the digit strings that octet() accepts; BITS the one- and two-digit ones
-- that is_netmask_bits accepts (a longer one, such as 024, takes the general
-- path, which accepts it too). So the result is the general path's; anything
-- that does not match goes there.
local OCTET, BITS = {}, {}
for n = 0, 255 do
  OCTET[tostring(n)] = true
  OCTET[string.format("%02d", n)] = true
  OCTET[string.format("%03d", n)] = true
end
for n = 0, 32 do
  BITS[tostring(n)] = true
  BITS[string.format("%02d", n)] = true
end

-- Each form is IP/BITS/ and a tail. The head is matched once: a greedy %d+
-- followed by a character that is not a digit can only match the whole run,
-- so matching head and tail apart gives what one pattern per form gave, at a
-- third of the instructions (a failed whole-form match backtracked through
-- every digit run before the next form was tried). The three tails exclude
-- each other: no '/' and no leading digit; a leading digit; a '/'.
local function parse_ipaddr(args)
  local text = args[1]
  local ip, a, b, c, d, bits, tail = match(text, "^((%d+)%.(%d+)%.(%d+)%.(%d+))/(%d+)/()")
  if ip and OCTET[a] and OCTET[b] and OCTET[c] and OCTET[d] and BITS[bits] then
    -- IP/BITS/IFACE
    local nic = match(text, "^[^/%d][^/]*$", tail)
    if nic then
      return { params = { { "ip", ip }, { "cidr_netmask", bits }, { "nic", nic } } }
    end
    -- IP/BITS/BROADCAST, as written for a configuration that names no
    -- interface (Kimberlite's, for one).
    local broadcast, e, f, g, h = match(text, "^((%d+)%.(%d+)%.(%d+)%.(%d+))$", tail)
    if broadcast and OCTET[e] and OCTET[f] and OCTET[g] and OCTET[h] then
      return { params = { { "ip", ip }, { "cidr_netmask", bits }, { "broadcast", broadcast } } }
    end
    -- IP/BITS/IFACE/BROADCAST, as written from a FailSafe or Kimberlite
    -- address that names both.
    nic, broadcast, e, f, g, h = match(text,
      "^([^/%d][^/]*)/((%d+)%.(%d+)%.(%d+)%.(%d+))$", tail)
    if nic and OCTET[e] and OCTET[f] and OCTET[g] and OCTET[h] then
      return { params = { { "ip", ip }, { "cidr_netmask", bits }, { "nic", nic },
                          { "broadcast", broadcast } } }
    end
  end
  return parse_ipaddr_fields(args)
end

-- One concatenation per form: each partial string would be interned for
-- nothing.
local function format_ipaddr(p)
  local ip, bits, nic, broadcast = p.ip, p.cidr_netmask, p.nic, p.broadcast
  if not ip then return { error = "no ip parameter" } end
  if bits then
    if nic then
      if broadcast then return { args = { ip .. "/" .. bits .. "/" .. nic .. "/" .. broadcast } } end
      return { args = { ip .. "/" .. bits .. "/" .. nic } }
    end
    if broadcast then return { args = { ip .. "/" .. bits .. "/" .. broadcast } } end
    return { args = { ip .. "/" .. bits } }
  elseif nic or broadcast then
    return { error = "nic or broadcast without cidr_netmask cannot be written in the IP/BITS/IFACE/BROADCAST form" }
  end
  return { args = { ip } }
end

-- SendArp: IP/IFACE in one argument.
local function parse_sendarp(args)
  local ip, nic = string.match(args[1], "^([^/]+)/(.+)$")
  if not ip then
    return { error = "expected IP/INTERFACE, got '" .. args[1] .. "'" }
  end
  if not is_ipv4(ip) then
    return { error = "'" .. ip .. "' is not an IPv4 address" }
  end
  return { params = { { "ip", ip }, { "nic", nic } } }
end

local function format_sendarp(p)
  if not (p.ip and p.nic) then return { error = "SendArp needs ip and nic" } end
  return { args = { p.ip .. "/" .. p.nic } }
end

-- IPv6addr: ADDR[/BITS[/IFACE]].
local function parse_ipv6addr(args)
  local fields = split(args[1], "/")
  local params = { { "ipv6addr", fields[1] } }
  if fields[2] and fields[2] ~= "" then params[#params + 1] = { "cidr_netmask", fields[2] } end
  if fields[3] and fields[3] ~= "" then params[#params + 1] = { "nic", fields[3] } end
  return { params = params }
end

local function format_ipv6addr(p)
  if not p.ipv6addr then return { error = "no ipv6addr parameter" } end
  local text = p.ipv6addr
  if p.cidr_netmask then
    text = text .. "/" .. p.cidr_netmask
    if p.nic then text = text .. "/" .. p.nic end
  elseif p.nic then
    return { error = "nic without cidr_netmask cannot be written" }
  end
  return { args = { text } }
end

-- AudibleAlarm: every argument is a node name; the agent takes them as one
-- space-separated nodelist.
local function parse_audiblealarm(args)
  if #args == 0 then return { params = {} } end
  return { params = { { "nodelist", table.concat(args, " ") } } }
end

local function format_audiblealarm(p)
  local args = {}
  if p.nodelist then
    for node in string.gmatch(p.nodelist, "%S+") do args[#args + 1] = node end
  end
  return { args = args }
end

-- WAS: one optional argument, a port number (all digits) or a config file.
local function parse_was(args)
  if #args == 0 then return { params = {} } end
  if string.match(args[1], "^%d+$") then return { params = { { "port", args[1] } } } end
  return { params = { { "config", args[1] } } }
end

local function format_was(p)
  if p.port and p.config then return { error = "WAS takes a port or a config file, not both" } end
  if p.port then return { args = { p.port } } end
  if p.config then return { args = { p.config } } end
  return { args = {} }
end

return {
  resource_d = {
    IPaddr = { agent = "ocf:heartbeat:IPaddr", min = 1, max = 1,
               parse = parse_ipaddr, format = format_ipaddr,
               names = { "ip", "cidr_netmask", "nic", "broadcast" } },
    IPaddr2 = { agent = "ocf:heartbeat:IPaddr2", min = 1, max = 1,
                parse = parse_ipaddr, format = format_ipaddr,
                names = { "ip", "cidr_netmask", "nic", "broadcast" } },
    IPv6addr = { agent = "ocf:heartbeat:IPv6addr", min = 1, max = 1,
                 parse = parse_ipv6addr, format = format_ipv6addr,
                 names = { "ipv6addr", "cidr_netmask", "nic" } },
    IPsrcaddr = { agent = "ocf:heartbeat:IPsrcaddr", params = { "ipaddress" }, min = 1, max = 1 },
    SendArp = { agent = "ocf:heartbeat:SendArp", min = 1, max = 1,
                parse = parse_sendarp, format = format_sendarp, names = { "ip", "nic" } },
    Filesystem = { agent = "ocf:heartbeat:Filesystem",
                   params = { "device", "directory", "fstype", "options" }, min = 2, max = 4 },
    LVM = { agent = "ocf:heartbeat:LVM", params = { "volgrpname" }, min = 1, max = 1 },
    Raid1 = { agent = "ocf:heartbeat:Raid1", params = { "raidconf", "raiddev" }, min = 2, max = 2 },
    MailTo = { agent = "ocf:heartbeat:MailTo", params = { "email", "subject" }, min = 1, max = 2 },
    Delay = { agent = "ocf:heartbeat:Delay", params = { "startdelay", "stopdelay" }, min = 0, max = 2 },
    apache = { agent = "ocf:heartbeat:apache", params = { "configfile" }, min = 0, max = 1 },
    Xinetd = { agent = "ocf:heartbeat:Xinetd", params = { "service" }, min = 1, max = 1 },
    portblock = { agent = "ocf:heartbeat:portblock",
                  params = { "protocol", "portno", "action" }, min = 3, max = 3 },
    AudibleAlarm = { agent = "ocf:heartbeat:AudibleAlarm", min = 0, max = -1,
                     parse = parse_audiblealarm, format = format_audiblealarm,
                     names = { "nodelist" } },
    WinPopup = { agent = "ocf:heartbeat:WinPopup", params = { "hostfile" }, min = 0, max = 1 },
    ICP = { agent = "ocf:heartbeat:ICP", params = { "driveid", "device" }, min = 2, max = 2 },
    ServeRAID = { agent = "ocf:heartbeat:ServeRAID",
                  params = { "serveraid", "mergegroup" }, min = 2, max = 2 },
    LinuxSCSI = { agent = "ocf:heartbeat:LinuxSCSI", params = { "scsi" }, min = 1, max = 1 },
    WAS = { agent = "ocf:heartbeat:WAS", min = 0, max = 1,
            parse = parse_was, format = format_was, names = { "port", "config" } },
    db2 = { agent = "ocf:heartbeat:db2", params = { "instance" }, min = 1, max = 1 },
    -- ids takes no argument or exactly three.
    ids = { agent = "ocf:heartbeat:ids",
            params = { "informixdir", "informixserver", "onconfig" }, min = 0, max = 3,
            counts = { 0, 3 } },
  },
}
