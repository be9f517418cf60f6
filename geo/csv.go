package geo

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ParsePoints reads region points from CSV. The first record is a header
// that must name the columns code, lon and lat; kind is optional and every
// other column is ignored. Header names are matched case-insensitively after
// trimming spaces; a UTF-8 byte order mark is tolerated.
//
// Each row must have as many fields as the header, a syntactically valid
// Kemendagri code (see CodeLevel) that does not repeat, and decimal numbers
// with lon in [-180, 180] and lat in [-90, 90] (no NaN, Inf or hex
// notation). Fields are taken as they are, without trimming.
//
// A row whose code is valid but for which known returns false is skipped and
// reported in the Unmatched result. A nil known accepts every code.
//
// Structural problems are returned as a *ParseError whose Line is the line
// of the row and whose Column is the 1-based byte column where the offending
// field starts (1 for a row with the wrong number of fields, as for
// encoding/csv). Read errors are returned as they are, wrapped.
func ParsePoints(r io.Reader, file string, known func(code string) bool) ([]Point, []Unmatched, error) {
	t, err := openCSV(r, file)
	if err != nil {
		return nil, nil, err
	}
	return t.points(known, nil)
}

// ParseAdjacency reads region adjacency pairs from CSV. The header must name
// code_a and code_b; shared_border_km is optional (an empty value means 0,
// unknown) and every other column is ignored. Headers, field counts and
// errors are handled as in ParsePoints.
//
// Both codes must be valid, different and of the same level; the pair is
// stored with A < B, and a pair may appear only once in either order.
// shared_border_km must be a finite number >= 0. A pair with a code for which
// known returns false is skipped, and each such code is reported in the
// Unmatched result.
func ParseAdjacency(r io.Reader, file string, known func(code string) bool) ([]Adjacency, []Unmatched, error) {
	t, err := openCSV(r, file)
	if err != nil {
		return nil, nil, err
	}
	return t.adjacency(known, nil)
}

// ParseTravelTimes reads a travel-time matrix from CSV. The header must
// name place, seat and minutes: place a district or village code, seat a
// regency/city code, minutes a finite number >= 0; a (place, seat) pair may
// appear only once. Headers, field counts, Unmatched and errors are handled
// as in ParsePoints.
func ParseTravelTimes(r io.Reader, file string, known func(code string) bool) ([]TravelTime, []Unmatched, error) {
	t, err := openCSV(r, file)
	if err != nil {
		return nil, nil, err
	}
	return t.travelTimes(known, nil)
}

// csvTable is a CSV input whose header has been read.
type csvTable struct {
	file string
	r    *csv.Reader
	cols map[string]int // lower-case header name -> field index
	n    int            // number of header fields
}

func openCSV(r io.Reader, file string) (*csvTable, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked here, for a clearer message
	cr.ReuseRecord = true
	t := &csvTable{file: file, r: cr, cols: make(map[string]int)}
	hdr, err := cr.Read()
	if err == io.EOF {
		return nil, &ParseError{File: file, Line: 1, Column: 1, Msg: "empty file, want a header line", Key: "geo.parse.empty_csv"}
	}
	if err != nil {
		return nil, t.readErr(err)
	}
	t.n = len(hdr)
	for i, h := range hdr {
		if i == 0 {
			h = strings.TrimPrefix(h, "\uFEFF")
		}
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" {
			continue
		}
		if _, dup := t.cols[h]; dup {
			return nil, t.errAt(i, "geo.parse.duplicate_column", "duplicate column %q in header", h)
		}
		t.cols[h] = i
	}
	return t, nil
}

// require returns the field indexes of the named columns.
func (t *csvTable) require(names ...string) ([]int, error) {
	idx := make([]int, len(names))
	for i, n := range names {
		j, ok := t.cols[n]
		if !ok {
			return nil, &ParseError{File: t.file, Line: 1, Column: 1, Msg: fmt.Sprintf("header has no %q column", n),
				Key: "geo.parse.missing_column", Args: []any{n}}
		}
		idx[i] = j
	}
	return idx, nil
}

func (t *csvTable) optional(name string) int {
	if j, ok := t.cols[name]; ok {
		return j
	}
	return -1
}

func (t *csvTable) has(names ...string) bool {
	for _, n := range names {
		if _, ok := t.cols[n]; !ok {
			return false
		}
	}
	return true
}

// errAt locates an error at field i of the record last read.
// The message key and the English format take the same arguments.
func (t *csvTable) errAt(field int, key, format string, args ...any) *ParseError {
	line, col := t.r.FieldPos(field)
	return &ParseError{File: t.file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...), Key: key, Args: args}
}

func (t *csvTable) readErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		d := csvSyntaxText(pe.Err)
		return &ParseError{File: t.file, Line: pe.Line, Column: pe.Column, Msg: d.Msg, Key: d.Key, Args: d.Args}
	}
	return fmt.Errorf("geo: read %s: %w", t.file, err)
}

// rows calls f for each data record, after checking its field count.
func (t *csvTable) rows(f func(rec []string, line int) error) error {
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return t.readErr(err)
		}
		line, _ := t.r.FieldPos(0)
		if len(rec) != t.n {
			return &ParseError{File: t.file, Line: line, Column: 1,
				Msg: fmt.Sprintf("row has %d fields, header has %d", len(rec), t.n),
				Key: "geo.parse.field_count", Args: []any{len(rec), t.n}}
		}
		if err := f(rec, line); err != nil {
			return err
		}
	}
}

// code checks the region code in field i.
func (t *csvTable) code(rec []string, i int, col string) (string, int, error) {
	c := rec[i]
	lvl := CodeLevel(c)
	if lvl == 0 {
		return "", 0, t.errAt(i, "geo.parse.column_code", "%s: invalid region code %q", col, c)
	}
	return c, lvl, nil
}

// number parses field i as a plain decimal number within [lo, hi].
func (t *csvTable) number(rec []string, i int, col string, lo, hi float64) (float64, error) {
	s := rec[i]
	if !isDecimal(s) {
		return 0, t.errAt(i, "geo.parse.number", "%s: invalid number %q", col, s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, t.errAt(i, "geo.parse.number", "%s: invalid number %q", col, s)
	}
	if math.IsInf(v, 0) {
		return 0, t.errAt(i, "geo.parse.out_of_range", "%s %s is out of range", col, s)
	}
	if !(v >= lo && v <= hi) {
		if math.IsInf(hi, 1) {
			return 0, t.errAt(i, "geo.parse.negative", "%s %s is negative", col, s)
		}
		return 0, t.errAt(i, "geo.parse.range", "%s %s out of range [%g, %g]", col, s, lo, hi)
	}
	return v, nil
}

// isDecimal accepts [+-]digits[.digits][(e|E)[+-]digits], with digits on at
// least one side of the point; it rejects NaN, Inf, hex and underscores,
// which strconv.ParseFloat would take.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

func (t *csvTable) points(known func(string) bool, seen map[string]origin) ([]Point, []Unmatched, error) {
	idx, err := t.require("code", "lon", "lat")
	if err != nil {
		return nil, nil, err
	}
	ci, loi, lai := idx[0], idx[1], idx[2]
	ki := t.optional("kind")
	if seen == nil {
		seen = make(map[string]origin)
	}
	out := []Point{}
	var unmatched []Unmatched
	err = t.rows(func(rec []string, line int) error {
		code, _, err := t.code(rec, ci, "code")
		if err != nil {
			return err
		}
		lon, err := t.number(rec, loi, "lon", -180, 180)
		if err != nil {
			return err
		}
		lat, err := t.number(rec, lai, "lat", -90, 90)
		if err != nil {
			return err
		}
		if o, dup := seen[code]; dup {
			return t.errAt(ci, "geo.parse.duplicate_code", "duplicate code %q (%s)", code, o.describe(t.file))
		}
		seen[code] = origin{file: t.file, line: line, feature: -1}
		if known != nil && !known(code) {
			unmatched = append(unmatched, Unmatched{File: t.file, Line: line, Code: code})
			return nil
		}
		p := Point{Code: code, Lon: lon, Lat: lat}
		if ki >= 0 {
			p.Kind = rec[ki]
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, unmatched, nil
}

func (t *csvTable) adjacency(known func(string) bool, seen map[[2]string]origin) ([]Adjacency, []Unmatched, error) {
	idx, err := t.require("code_a", "code_b")
	if err != nil {
		return nil, nil, err
	}
	ai, bi := idx[0], idx[1]
	ki := t.optional("shared_border_km")
	if seen == nil {
		seen = make(map[[2]string]origin)
	}
	out := []Adjacency{}
	var unmatched []Unmatched
	err = t.rows(func(rec []string, line int) error {
		a, la, err := t.code(rec, ai, "code_a")
		if err != nil {
			return err
		}
		b, lb, err := t.code(rec, bi, "code_b")
		if err != nil {
			return err
		}
		if la != lb {
			return t.errAt(bi, "geo.parse.levels", "codes %q and %q are of different levels (%d and %d)", a, b, la, lb)
		}
		if a == b {
			return t.errAt(bi, "geo.parse.self_pair", "region %q paired with itself", a)
		}
		var km float64
		if ki >= 0 && rec[ki] != "" {
			if km, err = t.number(rec, ki, "shared_border_km", 0, math.Inf(1)); err != nil {
				return err
			}
		}
		if b < a {
			a, b = b, a
		}
		if ok, err := t.newPair(seen, [2]string{a, b}, text("geo.parse.pair.adjacency", "%s-%s", a, b), ai, line, known, &unmatched); !ok {
			return err
		}
		out = append(out, Adjacency{A: a, B: b, SharedBorderKm: km})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, unmatched, nil
}

func (t *csvTable) travelTimes(known func(string) bool, seen map[[2]string]origin) ([]TravelTime, []Unmatched, error) {
	idx, err := t.require("place", "seat", "minutes")
	if err != nil {
		return nil, nil, err
	}
	pi, si, mi := idx[0], idx[1], idx[2]
	if seen == nil {
		seen = make(map[[2]string]origin)
	}
	out := []TravelTime{}
	var unmatched []Unmatched
	err = t.rows(func(rec []string, line int) error {
		place, lp, err := t.code(rec, pi, "place")
		if err != nil {
			return err
		}
		if lp != 3 && lp != 4 {
			return t.errAt(pi, "geo.parse.place_level", "place %q is not a district or village code", place)
		}
		seat, ls, err := t.code(rec, si, "seat")
		if err != nil {
			return err
		}
		if ls != 2 {
			return t.errAt(si, "geo.parse.seat_level", "seat %q is not a regency/city code", seat)
		}
		minutes, err := t.number(rec, mi, "minutes", 0, math.Inf(1))
		if err != nil {
			return err
		}
		if ok, err := t.newPair(seen, [2]string{place, seat}, text("geo.parse.pair.travel", "%s to %s", place, seat), pi, line, known, &unmatched); !ok {
			return err
		}
		out = append(out, TravelTime{Place: place, Seat: seat, Minutes: minutes})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, unmatched, nil
}

// newPair records the pair of codes key read at line (desc names it in
// the error about a duplicate, which is at column col) and reports whether
// both codes are known; each unknown one is added to unmatched. Without
// known every code is.
func (t *csvTable) newPair(seen map[[2]string]origin, key [2]string, desc Text, col, line int, known func(string) bool, unmatched *[]Unmatched) (bool, error) {
	if o, dup := seen[key]; dup {
		return false, t.errAt(col, "geo.parse.duplicate_pair", "duplicate pair %s (%s)", desc, o.describe(t.file))
	}
	seen[key] = origin{file: t.file, line: line, feature: -1}
	ok := true
	for _, c := range key {
		if known != nil && !known(c) {
			*unmatched = append(*unmatched, Unmatched{File: t.file, Line: line, Code: c})
			ok = false
		}
	}
	return ok, nil
}
