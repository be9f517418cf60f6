package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sync"
)

// coopCacheBytes bounds the answers a coopCache keeps: a list page of 50 is
// about 25 kB.
const coopCacheBytes = 8 << 20

// coopCache keeps encoded list answers built only from stored cooperations,
// keyed by everything else they depend on (who asks, what they asked), and
// valid for one cooperations' generation (sqlstore CoopGeneration): the
// first request that reads another generation empties it. The generation
// is read before the data, so a kept answer is never older than the
// generation it is kept under, and any instance's write makes every
// instance's answers stale at once. Lists are read far more often than
// cooperations change, with the same filters again and again; a hit costs
// one indexed read of the counter instead of the query and the encoding.
// One cooperation by id is not kept: its row and documents cost about what
// the counter read and the lookup would.
type coopCache struct {
	mu   sync.Mutex
	gen  int64
	size int
	m    map[any]cachedAnswer
}

type cachedAnswer struct {
	body []byte
	etag string
}

// coopGeneration reads the current generation; ok is false when the store
// cannot tell, and the caller then answers without the cache.
func (s *Server) coopGeneration(ctx context.Context) (int64, bool) {
	gen, err := s.Coops.CoopGeneration(ctx)
	return gen, err == nil
}

func (c *coopCache) get(gen int64, key any) (cachedAnswer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return cachedAnswer{}, false
	}
	a, ok := c.m[key]
	return a, ok
}

func (c *coopCache) put(gen int64, key any, a cachedAnswer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen < c.gen {
		return // read before a newer generation was seen: already stale
	}
	if c.gen != gen || c.m == nil || c.size+len(a.body) > coopCacheBytes {
		c.gen, c.size, c.m = gen, 0, map[any]cachedAnswer{}
	}
	if len(a.body) > coopCacheBytes/4 {
		return
	}
	if old, ok := c.m[key]; ok {
		c.size -= len(old.body)
	}
	c.m[key] = a
	c.size += len(a.body)
}

// encodeJSON encodes v as writeJSON would.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeCached answers 200 with a kept answer.
func writeCached(w http.ResponseWriter, a cachedAnswer) {
	if a.etag != "" {
		w.Header().Set("ETag", a.etag)
	}
	writeBody(w, http.StatusOK, "application/json", a.body)
}
