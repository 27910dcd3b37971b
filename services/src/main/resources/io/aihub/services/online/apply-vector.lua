-- Applies one feature vector of the features topic to the Redis online store (README, "Redis online store").
-- KEYS[1] the vector's hour key features:{tenant}:{asset}:{hour}, KEYS[2] its asset's latest key features:{tenant}:{asset}:latest
-- ARGV[1] metric, ARGV[2] timestamp (epoch ms), ARGV[3] partition, ARGV[4] offset of the vector in the features topic,
-- ARGV[5] the vector as JSON, ARGV[6] TTL in seconds, ARGV[7] the asset's key prefix features:{tenant}:{asset}:
-- Returns 1 when the vector is the series' newest, 2 when it arrived out of order, 0 when it was applied already.
local HOUR = 3600000
-- a reading at t changes the answers at [t, t + 169h] (lag_168h looks back 169h); one hour more, to be safe
local REACH = 170 * HOUR

-- the ISO-8601 UTC instant of an epoch hour, exactly as java.time.Instant prints it (civil_from_days, H. Hinnant)
local function iso_hour(hour)
  local days = math.floor(hour / 24)
  local h = hour - days * 24
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then
    y = y + 1
  end
  local year = y > 9999 and string.format('+%d', y) or string.format('%04d', y)
  return string.format('%s-%02d-%02dT%02d:00:00Z', year, m, d, h)
end

local metric = ARGV[1]
local ts = tonumber(ARGV[2])
local partition = tonumber(ARGV[3])
local offset = tonumber(ARGV[4])
local ttl = tonumber(ARGV[6])
local applied_field = metric .. ':applied'
local watermark = ARGV[2]
local newest = true

local applied = redis.call('HGET', KEYS[2], applied_field)
if applied then
  local w, p, o = string.match(applied, '^(%d+) (%d+) (%d+)$')
  if tonumber(p) == partition and offset <= tonumber(o) then
    return 0
  end
  local wm = tonumber(w)
  if ts < wm then
    -- out of order: every cached answer of the series in [ts, ts + REACH] no longer is the stores' answer
    newest = false
    watermark = w
    local last = math.min(math.floor(wm / HOUR), math.floor((ts + REACH) / HOUR))
    for hour = math.floor(ts / HOUR), last do
      redis.call('HDEL', ARGV[7] .. iso_hour(hour), metric)
    end
    if wm <= ts + REACH then
      redis.call('HDEL', KEYS[2], metric)
    end
  end
end

redis.call('HSET', KEYS[1], metric, ARGV[5])
redis.call('EXPIRE', KEYS[1], ttl)
local marker = watermark .. ' ' .. ARGV[3] .. ' ' .. ARGV[4]
if newest then
  redis.call('HSET', KEYS[2], metric, ARGV[5], applied_field, marker)
else
  redis.call('HSET', KEYS[2], applied_field, marker)
end
redis.call('EXPIRE', KEYS[2], ttl)
if newest then
  return 1
end
return 2
