package region

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// DefaultLimit is the page size Search uses when Query.Limit is not positive.
const DefaultLimit = 20

// Query is a region search.
//
// Text is either a code prefix or words. Text made only of digits and dots
// (with at least one digit; surrounding spaces are ignored) is a code
// prefix: "32.73" matches Kota Bandung and everything in it. Digits without dots are read as a code
// without its dots, so "3273" means "32.73" and "3273010" means "32.73.01.0".
//
// Any other Text is normalised (lower case, diacritics folded, apostrophes,
// punctuation and symbols turned into spaces) and split into words. A region
// matches when every query word is a prefix of a different word of its
// normalised name: "ban ace" finds "Kota Banda Aceh", "suka" every region with
// a word starting with "suka", and "kupa kupa" needs two such words. Text
// that holds no word or digit matches nothing: Search returns an empty
// Result rather than every region.
//
// Level restricts results to one level (0 = any level). Within restricts them
// to the strict descendants of the region with that code ("" = everywhere);
// an unknown Within code matches nothing, as does a Level outside 0..4.
// Limit is the page size (DefaultLimit when not positive) and Offset the
// number of matches to skip (negative counts as 0).
type Query struct {
	Text   string
	Level  Level
	Within string
	Limit  int
	Offset int
}

// Result is one page of matches. Total counts all matches, not just the
// page, so Regions is empty when Offset >= Total.
//
// Word searches are ranked: regions whose whole normalised name equals the
// query come first (for regencies also the name without its "Kabupaten " or
// "Kota " prefix, so "bandung" puts Kabupaten Bandung and Kota Bandung
// first), then by level (provinces before villages), then by normalised name,
// then by code. Code searches are ranked by level, then by code, which puts
// the region with exactly that code first.
type Result struct {
	Regions []Region
	Total   int
}

// searchIndex is the word index of all region names. Regions are numbered by
// rank, their position in the fixed order (level, normalised name, code), so
// that walking a set of matches in rank order yields them already ranked.
type searchIndex struct {
	n          int
	order      []int32            // rank -> index in Directory.all
	levelStart [Village + 2]int32 // ranks of level l are [levelStart[l], levelStart[l+1])
	vocab      []string           // sorted distinct words
	postOff    []int32            // ranks having vocab[w] are post[postOff[w]:postOff[w+1]], ascending
	post       []int32
	tokOff     []int32 // words of rank r, as vocab ids in name order, are tok[tokOff[r]:tokOff[r+1]]
	tok        []int32
	maxWords   int
	norm       string    // normalised names, in code order
	normOff    []int32   // the name of all[i] is norm[normOff[i]:normOff[i+1]]
	pool       sync.Pool // *scratch
}

func (x *searchIndex) build(d *Directory) {
	n := len(d.all)
	x.n = n

	// Normalise every name into one string.
	var buf []byte
	normOff := make([]int32, n+1)
	for i := range d.all {
		buf = appendNormalized(buf, d.all[i].Name)
		normOff[i+1] = int32(len(buf))
	}
	normAll := string(buf)
	norm := func(i int32) string { return normAll[normOff[i]:normOff[i+1]] }

	// Tokenise in code order, with provisional word ids.
	ids := make(map[string]int32, 1<<16)
	var words []string
	tokOff := make([]int32, n+1)
	tok := make([]int32, 0, n*3)
	for i := range d.all {
		s := norm(int32(i))
		cnt := 0
		for s != "" {
			w, rest, _ := strings.Cut(s, " ")
			s = rest
			id, ok := ids[w]
			if !ok {
				id = int32(len(words))
				ids[w] = id
				words = append(words, w)
			}
			tok = append(tok, id)
			cnt++
		}
		x.maxWords = max(x.maxWords, cnt)
		tokOff[i+1] = int32(len(tok))
	}

	// Sort the vocabulary and renumber, so that word ids compare like words.
	keys := make([]sortKey, 0, max(len(words), len(d.byLevel[Village])))
	for k, w := range words {
		keys = append(keys, sortKey{prefixKey(w), int32(k)})
	}
	slices.SortFunc(keys, func(a, b sortKey) int {
		return cmp.Or(cmp.Compare(a.key, b.key), strings.Compare(words[a.id], words[b.id]))
	})
	x.vocab = make([]string, len(words))
	remap := make([]int32, len(words))
	for k, key := range keys {
		x.vocab[k] = words[key.id]
		remap[key.id] = int32(k)
	}
	for k, id := range tok {
		tok[k] = remap[id]
	}

	// Rank order: level, normalised name, code. Because the separator (a
	// space) sorts below every character of a word, comparing normalised
	// names is comparing their word-id sequences. Regions are bucketed by
	// their first word (a counting sort, stable, so each bucket stays in
	// code order); only the small buckets need a comparison sort.
	words1 := func(i int32) []int32 { return tok[tokOff[i]:tokOff[i+1]] }
	x.order = make([]int32, n)
	bucket := make([]int32, len(words)+2)
	start := 0 // ranks filled so far
	for lvl := Province; lvl <= Village; lvl++ {
		x.levelStart[lvl] = int32(start)
		ids := d.byLevel[lvl]
		clear(bucket)
		first := func(i int32) int32 { // 0 for a name without words
			if t := words1(i); len(t) > 0 {
				return t[0] + 1
			}
			return 0
		}
		for _, i := range ids {
			bucket[first(i)+1]++
		}
		for b := 1; b < len(bucket); b++ {
			bucket[b] += bucket[b-1]
		}
		out := x.order[start : start+len(ids)]
		for _, i := range ids {
			f := first(i)
			out[bucket[f]] = i
			bucket[f]++
		}
		for lo := 0; lo < len(out); {
			hi := lo + 1
			for hi < len(out) && first(out[hi]) == first(out[lo]) {
				hi++
			}
			if hi-lo > 1 {
				slices.SortStableFunc(out[lo:hi], func(a, b int32) int {
					ta, tb := words1(a), words1(b)
					return slices.Compare(ta[1:], tb[1:])
				})
			}
			lo = hi
		}
		start += len(ids)
	}
	x.levelStart[Village+1] = int32(n)

	// Words by rank.
	x.tokOff = make([]int32, n+1)
	x.tok = make([]int32, 0, len(tok))
	for r, i := range x.order {
		x.tok = append(x.tok, words1(i)...)
		x.tokOff[r+1] = int32(len(x.tok))
	}

	// Posting lists: each rank once per distinct word, in ascending rank
	// order because ranks are visited in order.
	x.postOff = make([]int32, len(x.vocab)+1)
	forDistinct := func(r int, f func(w int32)) {
		t := x.tok[x.tokOff[r]:x.tokOff[r+1]]
		for k, w := range t {
			if !slices.Contains(t[:k], w) {
				f(w)
			}
		}
	}
	for r := 0; r < n; r++ {
		forDistinct(r, func(w int32) { x.postOff[w+1]++ })
	}
	for w := 1; w < len(x.postOff); w++ {
		x.postOff[w] += x.postOff[w-1]
	}
	x.post = make([]int32, x.postOff[len(x.vocab)])
	fill := slices.Clone(x.postOff[:len(x.vocab)])
	for r := 0; r < n; r++ {
		forDistinct(r, func(w int32) {
			x.post[fill[w]] = int32(r)
			fill[w]++
		})
	}

	x.norm, x.normOff = normAll, normOff
}

// name returns the normalised name of the region of rank r.
func (x *searchIndex) name(r int) string {
	i := x.order[r]
	return x.norm[x.normOff[i]:x.normOff[i+1]]
}

// exactRange returns the ranks [lo, hi) within [from, to) of the regions
// whose normalised name is prefix+text. Ranks of one level are sorted by
// normalised name, so they are contiguous.
func (x *searchIndex) exactRange(from, to int, prefix, text string) (lo, hi int) {
	// Two plain binary searches; a closure here would make text escape.
	lo, hi = from, to
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); compareJoined(x.name(m), prefix, text) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	end := to
	for hi = lo; hi < end; {
		if m := int(uint(hi+end) >> 1); compareJoined(x.name(m), prefix, text) <= 0 {
			hi = m + 1
		} else {
			end = m
		}
	}
	return lo, hi
}

// compareJoined compares s with p+t without building p+t. It uses the string
// operators rather than strings.Compare, which makes its arguments escape.
func compareJoined(s, p, t string) int {
	n := min(len(s), len(p))
	if s[:n] != p[:n] {
		if s[:n] < p[:n] {
			return -1
		}
		return 1
	}
	if len(s) < len(p) {
		return -1
	}
	switch s = s[len(p):]; {
	case s == t:
		return 0
	case s < t:
		return -1
	}
	return 1
}

// sortKey is a sort key with the id of what it belongs to.
type sortKey struct {
	key uint64
	id  int32
}

// prefixKey packs the first eight bytes of s big-endian into an integer, so
// that most string comparisons become integer comparisons.
func prefixKey(s string) uint64 {
	var k uint64
	for j := 0; j < 8; j++ {
		k <<= 8
		if j < len(s) {
			k |= uint64(s[j])
		}
	}
	return k
}

// scratch is the per-search working memory, recycled through a pool.
type scratch struct {
	norm   []byte
	lo, hi []int32 // vocab range of each query word
	a, b   []uint64
	exact  []int32
	// bipartite matching of query words to name words
	owner []int32
	seen  []bool
}

func (x *searchIndex) getScratch() *scratch {
	if s, ok := x.pool.Get().(*scratch); ok {
		return s
	}
	nw := (x.n + 63) / 64
	return &scratch{a: make([]uint64, nw), b: make([]uint64, nw)}
}

// Search finds regions by name words or code prefix; see Query and Result.
func (d *Directory) Search(q Query) Result {
	if q.Level < 0 || q.Level > Village {
		return Result{}
	}
	within := int32(-1)
	if q.Within != "" {
		i, ok := d.byCode[q.Within]
		if !ok {
			return Result{}
		}
		within = i
	}
	if q.Limit <= 0 {
		q.Limit = DefaultLimit
	}
	q.Offset = max(q.Offset, 0)
	if prefix, ok := codePrefix(q.Text); ok {
		return d.searchCode(prefix, q, within)
	}
	return d.searchWords(q, within)
}

// codePrefix reports whether text is a code query and returns it as a
// dotted code prefix.
func codePrefix(text string) (string, bool) {
	text = strings.TrimSpace(text)
	digits, dots := 0, 0
	for k := 0; k < len(text); k++ {
		switch c := text[k]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return "", false
		}
	}
	if digits == 0 {
		return "", false
	}
	if dots > 0 {
		return text, true
	}
	// Undotted: insert the dots after digits 2, 4 and 6.
	var b strings.Builder
	b.Grow(len(text) + 3)
	for k := 0; k < len(text); k++ {
		if k == 2 || k == 4 || k == 6 {
			b.WriteByte('.')
		}
		b.WriteByte(text[k])
	}
	return b.String(), true
}

func (d *Directory) searchCode(prefix string, q Query, within int32) Result {
	if within >= 0 {
		// Matches must start with both prefix and Within+"."; one of the two
		// is then a prefix of the other, and the longer one applies.
		w := d.all[within].Code + "."
		switch {
		case strings.HasPrefix(prefix, w):
		case strings.HasPrefix(w, prefix):
			prefix = w
		default:
			return Result{}
		}
	}
	var ranges [Village + 1][2]int
	total := 0
	for lvl := Province; lvl <= Village; lvl++ {
		if q.Level != 0 && lvl != q.Level {
			continue
		}
		ids := d.byLevel[lvl]
		lo := lowerBound(len(ids), func(k int) bool { return d.all[ids[k]].Code >= prefix })
		hi := lo + lowerBound(len(ids)-lo, func(k int) bool { return !strings.HasPrefix(d.all[ids[lo+k]].Code, prefix) })
		ranges[lvl] = [2]int{lo, hi}
		total += hi - lo
	}
	res := Result{Total: total}
	if q.Offset >= total {
		return res
	}
	res.Regions = make([]Region, 0, min(q.Limit, total-q.Offset))
	skip := q.Offset
	for lvl := Province; lvl <= Village && len(res.Regions) < q.Limit; lvl++ {
		lo, hi := ranges[lvl][0], ranges[lvl][1]
		if skip >= hi-lo {
			skip -= hi - lo
			continue
		}
		for k := lo + skip; k < hi && len(res.Regions) < q.Limit; k++ {
			res.Regions = append(res.Regions, d.all[d.byLevel[lvl][k]])
		}
		skip = 0
	}
	return res
}

// lowerBound returns the smallest k in [0, n) with f(k) true, or n; f must be
// false then true over the range.
func lowerBound(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if f(m) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

func (d *Directory) searchWords(q Query, within int32) Result {
	x := &d.idx
	s := x.getScratch()
	defer x.pool.Put(s)

	s.norm = appendNormalized(s.norm[:0], q.Text)
	if len(s.norm) == 0 {
		return Result{}
	}
	text := string(s.norm)

	// Vocabulary range of each query word.
	s.lo, s.hi = s.lo[:0], s.hi[:0]
	driver, best := 0, int32(-1)
	nwords := 0
	needMatching := false
	for rest := text; rest != ""; nwords++ {
		w, r, _ := strings.Cut(rest, " ")
		rest = r
		lo, hi := x.prefixRange(w)
		if lo == hi {
			return Result{}
		}
		// Two query words may claim the same name word only if one is a
		// prefix of the other; then the vocabulary ranges nest.
		for k := range s.lo {
			if lo <= s.lo[k] && s.hi[k] <= hi || s.lo[k] <= lo && hi <= s.hi[k] {
				needMatching = true
			}
		}
		s.lo, s.hi = append(s.lo, lo), append(s.hi, hi)
		if size := x.postOff[hi] - x.postOff[lo]; best < 0 || size < best {
			driver, best = nwords, size
		}
	}
	if nwords > x.maxWords {
		return Result{}
	}

	// Candidates: regions having a word for every query word.
	clear(s.a)
	setBits(s.a, x.post[x.postOff[s.lo[driver]]:x.postOff[s.hi[driver]]])
	for k := range s.lo {
		if k == driver {
			continue
		}
		clear(s.b)
		setBits(s.b, x.post[x.postOff[s.lo[k]]:x.postOff[s.hi[k]]])
		for j := range s.a {
			s.a[j] &= s.b[j]
		}
	}

	// Restrict to the level's ranks.
	rlo, rhi := 0, x.n
	if q.Level != 0 {
		rlo, rhi = int(x.levelStart[q.Level]), int(x.levelStart[q.Level+1])
	}
	maskOutside(s.a, rlo, rhi)

	// Per-candidate checks: Within, and distinct name words when needed.
	if within >= 0 || needMatching {
		wlo, whi := within, int32(x.n)
		if within >= 0 {
			whi = d.subEnd[within]
		}
		for j := rlo >> 6; j < (rhi+63)>>6; j++ {
			for m := s.a[j]; m != 0; m &= m - 1 {
				r := j<<6 + bits.TrailingZeros64(m)
				i := x.order[r]
				if i <= wlo || i >= whi || needMatching && !x.distinctMatch(s, r) {
					s.a[j] &^= 1 << (r & 63)
				}
			}
		}
	}

	// Exact full-name matches go first.
	s.exact = s.exact[:0]
	for lvl := Province; lvl <= Village; lvl++ {
		if q.Level != 0 && lvl != q.Level {
			continue
		}
		from, to := int(x.levelStart[lvl]), int(x.levelStart[lvl+1])
		prefixes := []string{""}
		if lvl == Regency {
			prefixes = []string{"", "kabupaten ", "kota "}
		}
		for _, p := range prefixes {
			lo, hi := x.exactRange(from, to, p, text)
			for r := lo; r < hi; r++ {
				if s.a[r>>6]&(1<<(r&63)) != 0 {
					s.a[r>>6] &^= 1 << (r & 63)
					s.exact = append(s.exact, int32(r))
				}
			}
		}
	}
	slices.Sort(s.exact)

	total := len(s.exact)
	for j := rlo >> 6; j < (rhi+63)>>6; j++ {
		total += bits.OnesCount64(s.a[j])
	}
	res := Result{Total: total}
	if q.Offset >= total {
		return res
	}
	res.Regions = make([]Region, 0, min(q.Limit, total-q.Offset))
	skip := q.Offset
	for _, r := range s.exact {
		if skip > 0 {
			skip--
			continue
		}
		if len(res.Regions) == q.Limit {
			return res
		}
		res.Regions = append(res.Regions, d.all[x.order[r]])
	}
	for j := rlo >> 6; j < (rhi+63)>>6 && len(res.Regions) < q.Limit; j++ {
		m := s.a[j]
		if c := bits.OnesCount64(m); skip >= c {
			skip -= c
			continue
		}
		for ; m != 0 && len(res.Regions) < q.Limit; m &= m - 1 {
			if skip > 0 {
				skip--
				continue
			}
			r := j<<6 + bits.TrailingZeros64(m)
			res.Regions = append(res.Regions, d.all[x.order[r]])
		}
	}
	return res
}

// prefixRange returns the vocabulary range [lo, hi) of the words starting
// with w.
func (x *searchIndex) prefixRange(w string) (lo, hi int32) {
	// Plain loops; a closure here would make w escape.
	l, h := 0, len(x.vocab)
	for l < h {
		if m := int(uint(l+h) >> 1); x.vocab[m] < w {
			l = m + 1
		} else {
			h = m
		}
	}
	end := len(x.vocab)
	for h = l; h < end; {
		if m := int(uint(h+end) >> 1); strings.HasPrefix(x.vocab[m], w) {
			h = m + 1
		} else {
			end = m
		}
	}
	return int32(l), int32(h)
}

func setBits(set []uint64, ranks []int32) {
	for _, r := range ranks {
		set[r>>6] |= 1 << (r & 63)
	}
}

// maskOutside clears the bits outside [lo, hi).
func maskOutside(set []uint64, lo, hi int) {
	if lo == 0 && hi == len(set)*64 {
		return
	}
	clear(set[:lo>>6])
	set[lo>>6] &^= 1<<(lo&63) - 1
	if hi < len(set)*64 {
		set[hi>>6] &= 1<<(hi&63) - 1
		clear(set[hi>>6+1:])
	}
}

// distinctMatch reports whether every query word (given by its vocabulary
// range in s.lo/s.hi) can be assigned a different word of the name of rank r.
// It is a bipartite matching by augmenting paths; both sides are tiny.
func (x *searchIndex) distinctMatch(s *scratch, r int) bool {
	toks := x.tok[x.tokOff[r]:x.tokOff[r+1]]
	if len(toks) < len(s.lo) {
		return false
	}
	s.owner = slices.Grow(s.owner[:0], len(toks))[:len(toks)]
	s.seen = slices.Grow(s.seen[:0], len(toks))[:len(toks)]
	for k := range s.owner {
		s.owner[k] = -1
	}
	for qw := range s.lo {
		clear(s.seen)
		if !augment(s, toks, qw) {
			return false
		}
	}
	return true
}

// augment tries to assign query word qw a name word, moving earlier
// assignments along an alternating path if needed.
func augment(s *scratch, toks []int32, qw int) bool {
	for k, t := range toks {
		if t < s.lo[qw] || t >= s.hi[qw] || s.seen[k] {
			continue
		}
		s.seen[k] = true
		if s.owner[k] < 0 || augment(s, toks, int(s.owner[k])) {
			s.owner[k] = int32(qw)
			return true
		}
	}
	return false
}

// appendNormalized appends the normalised form of s to dst: lower case,
// Latin diacritics folded ("é" → "e", "ß" → "ss"), combining marks dropped,
// and every run of other characters that are not letters or digits
// (spaces, apostrophes, quotes, hyphens, dots, brackets...) turned into one
// space, with no space at either end.
func appendNormalized(dst []byte, s string) []byte {
	start := len(dst)
	space := false // a separator is pending
	for k := 0; k < len(s); {
		c := s[k]
		var fold string // non-ASCII letter folded to ASCII
		var r rune      // other non-ASCII letter or digit
		if c < utf8.RuneSelf {
			k++
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			default:
				space = true
				continue
			}
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[k:])
			k += size
			switch {
			case r >= 0xC0 && r < 0x180:
				if fold = foldLatin[r-0xC0]; fold == "" {
					space = true
					continue
				}
			case unicode.Is(unicode.Mn, r):
				continue // a combining mark: keep only the base letter
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				r = unicode.ToLower(r)
			default:
				space = true
				continue
			}
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		switch {
		case fold != "":
			dst = append(dst, fold...)
		case r != 0:
			dst = utf8.AppendRune(dst, r)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// foldLatin maps U+00C0..U+017F (Latin-1 Supplement letters and Latin
// Extended-A) to ASCII; "" marks a separator (× and ÷).
var foldLatin = func() [0xC0]string {
	var t [0xC0]string
	k := 0
	put := func(s string, times int) {
		for ; times > 0; times-- {
			t[k] = s
			k++
		}
	}
	for _, lower := range []bool{false, true} {
		// U+00C0..U+00DF, then U+00E0..U+00FF.
		put("a", 6)
		put("ae", 1)
		put("c", 1)
		put("e", 4)
		put("i", 4)
		put("d", 1)
		put("n", 1)
		put("o", 5)
		put("", 1) // × ÷
		put("o", 1)
		put("u", 4)
		put("y", 1)
		put("th", 1)
		if lower {
			put("y", 1) // ÿ
		} else {
			put("ss", 1) // ß
		}
	}
	// U+0100..U+017F.
	for _, p := range []struct {
		s string
		n int
	}{
		{"a", 6}, {"c", 8}, {"d", 4}, {"e", 10}, {"g", 8}, {"h", 4}, {"i", 10},
		{"ij", 2}, {"j", 2}, {"k", 3}, {"l", 10}, {"n", 9}, {"o", 6}, {"oe", 2},
		{"r", 6}, {"s", 8}, {"t", 6}, {"u", 12}, {"w", 2}, {"y", 3}, {"z", 6}, {"s", 1},
	} {
		put(p.s, p.n)
	}
	if k != len(t) {
		panic("region: foldLatin table has the wrong size")
	}
	return t
}()
