-- Reads, atomically, a series' cached vector of one hour and its applied marker ("watermark partition offset").
-- KEYS[1] hour key, KEYS[2] latest key; ARGV[1] metric. Returns {vector JSON or nil, marker or nil}.
return {redis.call('HGET', KEYS[1], ARGV[1]), redis.call('HGET', KEYS[2], ARGV[1] .. ':applied')}
