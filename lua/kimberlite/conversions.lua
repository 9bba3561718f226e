-- Value conversions between Kimberlite fields and OCF parameters. Each
-- entry has to_model(text) and to_native(text); returning nil means the
-- value cannot be converted (an error on import, a loss on export).
-- (Plain value tables, such as power_switch_types in members.lua, need no
-- function: a field rule names them with `values = SECTION`.)
-- Dotted quad <-> prefix length: the shared functions of lua/common/
-- units.lua (section netmask) when they are loaded; these local ones
-- otherwise, so the Kimberlite tables stand on their own.
local function dotted_to_cidr(text)
  local a, b, c, d = string.match(text, "^(%d+)%.(%d+)%.(%d+)%.(%d+)$")
  if not a then return nil end
  local bits, seen_zero = 0, false
  for _, octet in ipairs({ tonumber(a), tonumber(b), tonumber(c), tonumber(d) }) do
    if octet > 255 then return nil end
    for i = 7, 0, -1 do
      local set = (octet >> i) & 1 == 1
      if set then
        if seen_zero then return nil end  -- not contiguous
        bits = bits + 1
      else
        seen_zero = true
      end
    end
  end
  return tostring(bits)
end

local function cidr_to_dotted(text)
  local bits = tonumber(string.match(text, "^%d+$") or "")
  if not bits or bits > 32 then
    -- Already dotted (IPaddr accepts both): pass it through when valid.
    if dotted_to_cidr(text) then return text end
    return nil
  end
  local octets = {}
  for i = 1, 4 do
    local n = math.max(0, math.min(8, bits - (i - 1) * 8))
    octets[i] = tostring((0xff << (8 - n)) & 0xff)
  end
  return table.concat(octets, ".")
end

local function shared(name)
  local f = quirk and quirk("netmask", name)
  if type(f) == "function" then return f end
end

local function netmask_to_model(text)
  local f = shared("cidr_from_dotted")
  if not f then return dotted_to_cidr(text) end
  local bits = f(text)
  return bits and tostring(bits)
end

local function netmask_to_native(text)
  local to_cidr, to_dotted = shared("to_cidr"), shared("dotted_from_cidr")
  if not (to_cidr and to_dotted) then return cidr_to_dotted(text) end
  local bits = to_cidr(text)
  return bits and to_dotted(bits)
end

return {
  conversions = {
    netmask = { to_model = netmask_to_model, to_native = netmask_to_native },
    truefalse = {
      to_model = function(v)
        if v == "yes" then return "true" elseif v == "no" then return "false" end
      end,
      to_native = function(v)
        local l = string.lower(v)
        if l == "true" or l == "yes" or l == "1" or l == "on" then return "yes" end
        if l == "false" or l == "no" or l == "0" or l == "off" then return "no" end
      end,
    },
  },
}
