-- Unit conversions shared by every adapter: times and netmask forms.
--
-- Shape: two sections whose entries are plain functions. C++ calls them as
-- entry("units", "time_to_ms") etc.; another quirk file reaches them with
-- quirk("netmask", "cidr_from_dotted").
--
--   units.time_to_ms(t)             2, "2", "2s", "1.5", "500ms", "2min",
--                                   "1h", "3000us" -> integer milliseconds
--                                   (no suffix means seconds, as in ha.cf)
--   units.ms_to_time(ms [, suffix]) 2000 -> "2", 1500 -> "1500ms";
--                                   suffix "s" gives "2s" (OCF style)
--   netmask.cidr_from_dotted("255.255.255.0") -> 24
--   netmask.dotted_from_cidr(24)              -> "255.255.255.0"
--   netmask.cidr_from_hex("0xffffff00")       -> 24  ("ffffff00" too)
--   netmask.hex_from_cidr(24)                 -> "0xffffff00"
--   netmask.to_cidr(x)   24, "24", dotted or 0x-hex form -> 24
--
-- Invalid input returns nil and a message. Nothing here has side effects.

-- Time suffixes in microseconds, so fractions stay exact integers.
local micros_per = {
  [""] = 1000000, s = 1000000, sec = 1000000,
  ms = 1000, msec = 1000,
  us = 1, usec = 1,
  m = 60000000, min = 60000000,
  h = 3600000000, hr = 3600000000,
}

local function time_to_ms(t)
  local text = t
  if math.type(t) == "integer" then
    text = tostring(t)
  elseif type(t) == "number" then
    text = string.format("%.6f", t)
  elseif type(t) ~= "string" then
    return nil, "a time must be a number or a string, not a " .. type(t)
  end
  local whole, fraction, suffix = text:match("^%s*(%d*)%.?(%d*)%s*(%a*)%s*$")
  if whole == nil or (whole == "" and fraction == "") or #whole > 12 or #fraction > 6 then
    return nil, "'" .. text .. "' is not a time (like 2, 2s, 500ms or 1min)"
  end
  local per = micros_per[suffix:lower()]
  if per == nil then
    return nil, "'" .. text .. "' has an unknown time unit '" .. suffix .. "'"
  end
  local scale = math.tointeger(10 ^ #fraction)
  local units = (tonumber(whole) or 0) * scale + (tonumber(fraction) or 0)
  local micros = units * per
  if micros % scale ~= 0 or (micros // scale) % 1000 ~= 0 then
    return nil, "'" .. text .. "' is not a whole number of milliseconds"
  end
  return micros // scale // 1000
end

local function ms_to_time(ms, seconds_suffix)
  local n = math.tointeger(ms)
  if n == nil or n < 0 then
    return nil, "'" .. tostring(ms) .. "' is not a whole, non-negative number of milliseconds"
  end
  if n % 1000 == 0 then return tostring(n // 1000) .. (seconds_suffix or "") end
  return tostring(n) .. "ms"
end

local function mask_of(bits)
  return (0xffffffff << (32 - bits)) & 0xffffffff
end

-- The prefix length of a contiguous mask, or nil.
local function bits_of(mask)
  for bits = 0, 32 do
    if mask_of(bits) == mask then return bits end
  end
  return nil
end

local function check_bits(bits)
  local n = math.tointeger(bits)
  if n == nil and type(bits) == "string" and bits:match("^%d+$") then n = tonumber(bits) end
  if n == nil or n < 0 or n > 32 then
    return nil, "'" .. tostring(bits) .. "' is not a prefix length (0 to 32)"
  end
  return n
end

local function cidr_from_dotted(text)
  if type(text) ~= "string" then return nil, "a netmask must be a string" end
  local octets = { text:match("^(%d%d?%d?)%.(%d%d?%d?)%.(%d%d?%d?)%.(%d%d?%d?)$") }
  if #octets ~= 4 then return nil, "'" .. text .. "' is not a dotted-quad netmask" end
  local mask = 0
  for _, octet in ipairs(octets) do
    local n = tonumber(octet)
    if n > 255 then return nil, "'" .. text .. "' has an octet above 255" end
    mask = (mask << 8) | n
  end
  local bits = bits_of(mask)
  if bits == nil then return nil, "'" .. text .. "' is not a contiguous netmask" end
  return bits
end

local function dotted_from_cidr(bits)
  local n, message = check_bits(bits)
  if n == nil then return nil, message end
  local mask = mask_of(n)
  return string.format("%d.%d.%d.%d", mask >> 24, (mask >> 16) & 255, (mask >> 8) & 255, mask & 255)
end

local function cidr_from_hex(text)
  if type(text) ~= "string" then return nil, "a netmask must be a string" end
  local digits = text:match("^0[xX](%x+)$") or text:match("^(%x+)$")
  if digits == nil or #digits > 8 then return nil, "'" .. text .. "' is not a hex netmask" end
  local bits = bits_of(tonumber(digits, 16))
  if bits == nil then return nil, "'" .. text .. "' is not a contiguous netmask" end
  return bits
end

local function hex_from_cidr(bits)
  local n, message = check_bits(bits)
  if n == nil then return nil, message end
  return string.format("0x%08x", mask_of(n))
end

local function to_cidr(x)
  if math.type(x) == "integer" or (type(x) == "string" and x:match("^%d+$")) then
    return check_bits(x)
  end
  if type(x) ~= "string" then return nil, "a netmask must be a string or a prefix length" end
  if x:match("^0[xX]") then return cidr_from_hex(x) end
  return cidr_from_dotted(x)
end

return {
  units = {
    time_to_ms = time_to_ms,
    ms_to_time = ms_to_time,
  },
  netmask = {
    cidr_from_dotted = cidr_from_dotted,
    dotted_from_cidr = dotted_from_cidr,
    cidr_from_hex = cidr_from_hex,
    hex_from_cidr = hex_from_cidr,
    to_cidr = to_cidr,
  },
}
