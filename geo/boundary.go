package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ParseBoundaries reads a GeoJSON FeatureCollection (RFC 7946) whose
// features carry the region code in properties.code and a Polygon or
// MultiPolygon geometry. file is used only in messages.
//
// The input is validated strictly: the top-level object must have
// "type": "FeatureCollection" and a "features" array; every feature must have
// "type": "Feature", a string properties.code that is a syntactically valid
// Kemendagri code (see CodeLevel), and a Polygon or MultiPolygon geometry
// whose positions are arrays of 2 or 3 numbers with longitude in [-180, 180]
// and latitude in [-90, 90]; every polygon has at least one ring and every
// ring at least 4 positions, the first equal to the last. Codes must not
// repeat. Unknown members (id, other properties, foreign members) are
// ignored.
//
// A feature whose code is valid but for which known returns false is skipped
// and reported in the Unmatched result (Line is the line where the feature
// starts). A nil known accepts every code.
//
// Boundary.Geometry is the geometry re-encoded as compact JSON containing
// only "type" and "coordinates", with coordinates rounded to 6 decimals
// (about 0.1 m) and any altitude dropped; BBox is computed from the rounded
// coordinates.
//
// Any structural problem, including invalid JSON, is returned as a
// *ParseError pointing at the offending value (byte column), with the
// 0-based feature index and, when already read, the code in the message:
//
//	regencies.geojson:1:51234: feature 12 (code "11.13"): ring 0 of polygon 2 is not closed
//
// The whole input is held in memory while parsing. Read errors are returned
// as they are, wrapped.
func ParseBoundaries(r io.Reader, file string, known func(code string) bool) ([]Boundary, []Unmatched, error) {
	return parseBoundaries(r, file, known, nil)
}

// origin is where a code (or pair) was first seen, for duplicate messages
// that may span several files.
type origin struct {
	file    string
	line    int
	feature int // feature index in a GeoJSON file, -1 for CSV rows
}

func (o origin) describe(file string) Text {
	switch {
	case o.file != file:
		return text("geo.parse.origin.file", "first in %s:%d", o.file, o.line)
	case o.feature >= 0:
		return text("geo.parse.origin.feature", "first in feature %d", o.feature)
	default:
		return text("geo.parse.origin.line", "first on line %d", o.line)
	}
}

func parseBoundaries(r io.Reader, file string, known func(string) bool, seen map[string]origin) ([]Boundary, []Unmatched, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("geo: read %s: %w", file, err)
	}
	if seen == nil {
		seen = make(map[string]origin)
	}
	p := &gjParser{file: file, data: data, known: known, seen: seen, lines: lineCounter{data: data}}
	if err := p.run(); err != nil {
		return nil, nil, err
	}
	return p.out, p.unmatched, nil
}

// gjParser streams a FeatureCollection with a json.Decoder, tracking byte
// offsets in data so that errors can be located.
type gjParser struct {
	file  string
	data  []byte
	base  int // offset in data of the decoder's first byte
	dec   *json.Decoder
	known func(string) bool
	seen  map[string]origin
	lines lineCounter

	ctx       Text // message prefix, e.g. `feature 3 (code "11.01"): `
	skipBuf   json.RawMessage
	geomBuf   json.RawMessage
	out       []Boundary
	unmatched []Unmatched
}

// errAt locates an error at byte offset off. The message key and the
// English format take the same arguments.
func (p *gjParser) errAt(off int, key, format string, args ...any) *ParseError {
	line, col := lineCol(p.data, off)
	return &ParseError{File: p.file, Line: line, Column: col, Msg: p.ctx.Msg + fmt.Sprintf(format, args...),
		Key: key, Args: args, Context: p.ctx}
}

// errText is errAt with the detail given as a Text.
func (p *gjParser) errText(off int, d Text) *ParseError {
	line, col := lineCol(p.data, off)
	return &ParseError{File: p.file, Line: line, Column: col, Msg: p.ctx.Msg + d.Msg, Key: d.Key, Args: d.Args, Context: p.ctx}
}

// next returns the offset of the next value or token, skipping the
// whitespace and separators after the decoder's position.
func (p *gjParser) next() int {
	i := p.base + int(p.dec.InputOffset())
	for i < len(p.data) {
		switch p.data[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
		default:
			return i
		}
	}
	return i
}

func (p *gjParser) token() (json.Token, error) {
	t, err := p.dec.Token()
	if err != nil {
		return nil, p.jsonErr(err)
	}
	return t, nil
}

func (p *gjParser) skip() error {
	if err := p.dec.Decode(&p.skipBuf); err != nil {
		return p.jsonErr(err)
	}
	return nil
}

// jsonErr turns a decoder error into a located ParseError. The decoder's
// own SyntaxError offsets are not reliable when Token and Decode are mixed,
// so the input is checked again from the start to find the bad byte; this
// happens only once, on the way out.
func (p *gjParser) jsonErr(err error) error {
	var raw json.RawMessage
	var se *json.SyntaxError
	if errors.As(json.Unmarshal(p.data[p.base:], &raw), &se) {
		off := p.base + int(se.Offset) - 1 // Offset counts the bad byte
		if off >= len(p.data)-1 && strings.Contains(se.Error(), "end of JSON input") {
			return p.errAt(len(p.data), "geo.parse.json_eof", "invalid JSON: unexpected end of input")
		}
		return p.errText(off, jsonSyntaxText(se.Error()))
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return p.errAt(len(p.data), "geo.parse.json_eof", "invalid JSON: unexpected end of input")
	}
	return p.errText(p.next(), jsonSyntaxText(err.Error()))
}

// expectDelim reads a token that must be the opening delimiter want; what
// names the value in the message.
func (p *gjParser) expectDelim(off int, want json.Delim, what Text) error {
	t, err := p.token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); ok && d == want {
		return nil
	}
	kind := textObject
	if want == '[' {
		kind = textArray
	}
	return p.errAt(off, "geo.parse.must_be", "%s must be %s, got %s", what, kind, describeToken(t))
}

// key reads an object key; the caller has checked dec.More().
func (p *gjParser) key() (string, error) {
	t, err := p.token()
	if err != nil {
		return "", err
	}
	k, ok := t.(string)
	if !ok { // cannot happen with a well-formed stream
		return "", p.errAt(p.next(), "geo.parse.json_key", "invalid JSON: expected an object key")
	}
	return k, nil
}

// closeDelim reads the closing delimiter of the current object or array.
func (p *gjParser) closeDelim() error {
	_, err := p.token()
	return err
}

func (p *gjParser) run() error {
	start := 0
	if len(p.data) >= 3 && p.data[0] == 0xEF && p.data[1] == 0xBB && p.data[2] == 0xBF {
		start = 3 // tolerate a UTF-8 byte order mark
	}
	p.base = start
	p.dec = json.NewDecoder(bytes.NewReader(p.data[start:]))
	start = p.next()
	if start >= len(p.data) {
		return p.errAt(start, "geo.parse.empty_geojson", "empty input, want a GeoJSON FeatureCollection")
	}
	if err := p.expectDelim(start, '{', text("geo.parse.what.top_level", "top-level value")); err != nil {
		return err
	}
	sawType, sawFeatures := false, false
	for p.dec.More() {
		keyOff := p.next()
		k, err := p.key()
		if err != nil {
			return err
		}
		off := p.next()
		switch k {
		case "type":
			t, err := p.token()
			if err != nil {
				return err
			}
			if s, ok := t.(string); !ok || s != "FeatureCollection" {
				return p.errAt(off, "geo.parse.top_type", `top-level "type" is %s, want "FeatureCollection"`, describeToken(t))
			}
			sawType = true
		case "features":
			if sawFeatures {
				return p.errAt(keyOff, "geo.parse.duplicate_features", `duplicate "features" member`)
			}
			sawFeatures = true
			if err := p.features(off); err != nil {
				return err
			}
		default:
			if err := p.skip(); err != nil {
				return err
			}
		}
	}
	if err := p.closeDelim(); err != nil {
		return err
	}
	if !sawType {
		return p.errAt(start, "geo.parse.missing_collection_type", `missing "type": "FeatureCollection"`)
	}
	if !sawFeatures {
		return p.errAt(start, "geo.parse.missing_features", `missing "features" array`)
	}
	if end := skipWS(p.data, p.base+int(p.dec.InputOffset())); end < len(p.data) {
		return p.errAt(end, "geo.parse.trailing_data", "unexpected data after the FeatureCollection")
	}
	return nil
}

func (p *gjParser) features(off int) error {
	if err := p.expectDelim(off, '[', text("geo.parse.literal", "%s", `"features"`)); err != nil {
		return err
	}
	for i := 0; p.dec.More(); i++ {
		if err := p.feature(i); err != nil {
			return err
		}
	}
	p.ctx = Text{}
	return p.closeDelim()
}

func (p *gjParser) feature(idx int) error {
	fOff := p.next()
	p.ctx = text("geo.parse.ctx.feature", "feature %d: ", idx)
	if err := p.expectDelim(fOff, '{', text("geo.parse.what.feature", "feature")); err != nil {
		return err
	}
	sawType := false
	code, codeOff := "", -1
	geomOff := -1
	for p.dec.More() {
		k, err := p.key()
		if err != nil {
			return err
		}
		off := p.next()
		switch k {
		case "type":
			t, err := p.token()
			if err != nil {
				return err
			}
			if s, ok := t.(string); !ok || s != "Feature" {
				return p.errAt(off, "geo.parse.feature_type", `"type" is %s, want "Feature"`, describeToken(t))
			}
			sawType = true
		case "properties":
			if err := p.properties(idx, off, &code, &codeOff); err != nil {
				return err
			}
		case "geometry":
			if geomOff >= 0 {
				return p.errAt(off, "geo.parse.duplicate_geometry", `duplicate "geometry" member`)
			}
			geomOff = off
			// Kept raw: properties may follow, and errors in the geometry
			// should name the code.
			if err := p.dec.Decode(&p.geomBuf); err != nil {
				return p.jsonErr(err)
			}
		default:
			if err := p.skip(); err != nil {
				return err
			}
		}
	}
	if err := p.closeDelim(); err != nil {
		return err
	}
	if !sawType {
		return p.errAt(fOff, "geo.parse.missing_feature_type", `missing "type": "Feature"`)
	}
	if codeOff < 0 {
		return p.errAt(fOff, "geo.parse.missing_code", "missing properties.code")
	}
	if CodeLevel(code) == 0 {
		return p.errAt(codeOff, "geo.parse.invalid_code", "invalid region code %q", code)
	}
	if geomOff < 0 {
		return p.errAt(fOff, "geo.parse.missing_geometry", `missing "geometry"`)
	}
	b, err := p.geometry(p.geomBuf, geomOff)
	if err != nil {
		return err
	}
	line := p.lines.line(fOff)
	if o, dup := p.seen[code]; dup {
		return p.errAt(codeOff, "geo.parse.duplicate_code", "duplicate code %q (%s)", code, o.describe(p.file))
	}
	p.seen[code] = origin{file: p.file, line: line, feature: idx}
	if p.known != nil && !p.known(code) {
		p.unmatched = append(p.unmatched, Unmatched{File: p.file, Line: line, Code: code})
		return nil
	}
	b.Code = code
	p.out = append(p.out, b)
	return nil
}

func (p *gjParser) properties(idx, off int, code *string, codeOff *int) error {
	if off < len(p.data) && p.data[off] == 'n' {
		_, err := p.token() // null: no code; reported by the caller
		return err
	}
	if err := p.expectDelim(off, '{', text("geo.parse.literal", "%s", `"properties"`)); err != nil {
		return err
	}
	for p.dec.More() {
		k, err := p.key()
		if err != nil {
			return err
		}
		voff := p.next()
		if k != "code" {
			if err := p.skip(); err != nil {
				return err
			}
			continue
		}
		if *codeOff >= 0 {
			return p.errAt(voff, "geo.parse.duplicate_properties_code", "duplicate properties.code")
		}
		t, err := p.token()
		if err != nil {
			return err
		}
		s, ok := t.(string)
		if !ok {
			return p.errAt(voff, "geo.parse.code_not_string", "properties.code must be a string, got %s", describeToken(t))
		}
		*code, *codeOff = s, voff
		p.ctx = text("geo.parse.ctx.feature_code", "feature %d (code %q): ", idx, s)
	}
	return p.closeDelim()
}

// geometry checks a raw geometry object found at offset off of the input
// and returns it normalised. raw is valid JSON (it came from the decoder).
func (p *gjParser) geometry(raw []byte, off int) (Boundary, error) {
	var b Boundary
	switch raw[0] {
	case '{':
	case 'n':
		return b, p.errAt(off, "geo.parse.geometry_null", "geometry is null")
	default:
		return b, p.errAt(off, "geo.parse.geometry_not_object", "geometry must be an object, got %s", describeByte(raw[0]))
	}
	sub := &gjParser{file: p.file, data: p.data, base: off, dec: json.NewDecoder(bytes.NewReader(raw)), ctx: p.ctx}
	if _, err := sub.token(); err != nil {
		return b, err
	}
	typ, typOff := "", -1
	coordOff, coordEnd := -1, -1
	for sub.dec.More() {
		k, err := sub.key()
		if err != nil {
			return b, err
		}
		voff := sub.next()
		switch k {
		case "type":
			if typOff >= 0 {
				return b, p.errAt(voff, "geo.parse.duplicate_geometry_type", `duplicate geometry "type"`)
			}
			t, err := sub.token()
			if err != nil {
				return b, err
			}
			s, ok := t.(string)
			if !ok {
				return b, p.errAt(voff, "geo.parse.geometry_type_not_string", "geometry type must be a string, got %s", describeToken(t))
			}
			typ, typOff = s, voff
		case "coordinates":
			if coordOff >= 0 {
				return b, p.errAt(voff, "geo.parse.duplicate_coordinates", `duplicate "coordinates"`)
			}
			if err := sub.skip(); err != nil {
				return b, err
			}
			coordOff, coordEnd = voff, off+int(sub.dec.InputOffset())
		default:
			if err := sub.skip(); err != nil {
				return b, err
			}
		}
	}
	if typOff < 0 {
		return b, p.errAt(off, "geo.parse.geometry_no_type", `geometry has no "type"`)
	}
	if typ != "Polygon" && typ != "MultiPolygon" {
		return b, p.errAt(typOff, "geo.parse.geometry_type", "geometry type is %q, want Polygon or MultiPolygon", typ)
	}
	if coordOff < 0 {
		return b, p.errAt(off, "geo.parse.geometry_no_coordinates", `geometry has no "coordinates"`)
	}
	s := coordScanner{p: p, b: p.data[:coordEnd], i: coordOff, multi: typ == "MultiPolygon"}
	s.out = make([]byte, 0, coordEnd-coordOff+40)
	s.out = append(s.out, `{"type":"`...)
	s.out = append(s.out, typ...)
	s.out = append(s.out, `","coordinates":`...)
	s.bbox = [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	var err error
	if s.multi {
		err = s.multiPolygon()
	} else {
		err = s.polygon(-1)
	}
	if err != nil {
		return b, err
	}
	s.out = append(s.out, '}')
	b.Geometry = json.RawMessage(s.out)
	b.BBox = s.bbox
	return b, nil
}

// coordScanner walks the "coordinates" value of a geometry directly in the
// input bytes, which are known to be valid JSON, writing the normalised
// coordinates to out and widening bbox.
type coordScanner struct {
	p     *gjParser
	b     []byte // input, ending where the coordinates value ends
	i     int    // current offset in b (= offset in the whole input)
	multi bool
	out   []byte
	bbox  [4]float64
}

func (s *coordScanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		default:
			return
		}
	}
}

// open consumes the '[' that must start the value at the current offset;
// name describes the value in the message.
func (s *coordScanner) open(name func() Text) (start int, err error) {
	s.ws()
	start = s.i
	if s.i >= len(s.b) || s.b[s.i] != '[' {
		var c byte
		if s.i < len(s.b) {
			c = s.b[s.i]
		}
		return start, s.p.errAt(start, "geo.parse.not_array", "%s must be an array, got %s", name(), describeByte(c))
	}
	s.i++
	return start, nil
}

// more reports whether the array being read has an element k; it consumes
// the separating comma, or the closing ']' when the array ends.
func (s *coordScanner) more(k int) bool {
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] == ']' {
		s.i++
		return false
	}
	if k > 0 && s.b[s.i] == ',' {
		s.i++
		s.ws()
	}
	return true
}

func (s *coordScanner) polyName(pi int) Text {
	if pi < 0 {
		return text("geo.parse.name.polygon", "polygon")
	}
	return text("geo.parse.name.polygon_n", "polygon %d", pi)
}

func (s *coordScanner) ringName(pi, ri int) Text {
	if pi < 0 {
		return text("geo.parse.name.ring", "ring %d", ri)
	}
	return text("geo.parse.name.ring_of_polygon", "ring %d of polygon %d", ri, pi)
}

func (s *coordScanner) multiPolygon() error {
	start, err := s.open(func() Text { return text("geo.parse.name.multipolygon_coordinates", "MultiPolygon coordinates") })
	if err != nil {
		return err
	}
	s.out = append(s.out, '[')
	n := 0
	for ; s.more(n); n++ {
		if n > 0 {
			s.out = append(s.out, ',')
		}
		if err := s.polygon(n); err != nil {
			return err
		}
	}
	if n == 0 {
		return s.p.errAt(start, "geo.parse.no_polygons", "MultiPolygon has no polygons")
	}
	s.out = append(s.out, ']')
	return nil
}

// polygon reads one polygon; pi is its index in a MultiPolygon, or -1.
func (s *coordScanner) polygon(pi int) error {
	start, err := s.open(func() Text {
		if pi < 0 {
			return text("geo.parse.name.polygon_coordinates", "Polygon coordinates")
		}
		return s.polyName(pi)
	})
	if err != nil {
		return err
	}
	s.out = append(s.out, '[')
	n := 0
	for ; s.more(n); n++ {
		if n > 0 {
			s.out = append(s.out, ',')
		}
		if err := s.ring(pi, n); err != nil {
			return err
		}
	}
	if n == 0 {
		return s.p.errAt(start, "geo.parse.no_rings", "%s has no rings", s.polyName(pi))
	}
	s.out = append(s.out, ']')
	return nil
}

func (s *coordScanner) ring(pi, ri int) error {
	start, err := s.open(func() Text { return s.ringName(pi, ri) })
	if err != nil {
		return err
	}
	s.out = append(s.out, '[')
	var first, last [2]float64
	n := 0
	for ; s.more(n); n++ {
		if n > 0 {
			s.out = append(s.out, ',')
		}
		pos, err := s.position(pi, ri, n)
		if err != nil {
			return err
		}
		if n == 0 {
			first = pos
		}
		last = pos
		lon, lat := round6(pos[0]), round6(pos[1])
		s.out = append(s.out, '[')
		s.out = strconv.AppendFloat(s.out, lon, 'f', -1, 64)
		s.out = append(s.out, ',')
		s.out = strconv.AppendFloat(s.out, lat, 'f', -1, 64)
		s.out = append(s.out, ']')
		s.bbox[0] = min(s.bbox[0], lon)
		s.bbox[1] = min(s.bbox[1], lat)
		s.bbox[2] = max(s.bbox[2], lon)
		s.bbox[3] = max(s.bbox[3], lat)
	}
	s.out = append(s.out, ']')
	if n < 4 {
		return s.p.errAt(start, "geo.parse.ring_short", "%s has %d positions, want at least 4", s.ringName(pi, ri), n)
	}
	if first != last {
		return s.p.errAt(start, "geo.parse.ring_open", "%s is not closed", s.ringName(pi, ri))
	}
	return nil
}

func (s *coordScanner) position(pi, ri, k int) ([2]float64, error) {
	var pos [2]float64
	name := func() Text { return text("geo.parse.name.position", "position %d of %s", k, s.ringName(pi, ri)) }
	start, err := s.open(name)
	if err != nil {
		return pos, err
	}
	n := 0
	for ; s.more(n); n++ {
		off := s.i
		c := s.b[off]
		if c != '-' && (c < '0' || c > '9') {
			return pos, s.p.errAt(off, "geo.parse.coordinate_not_number", "%s: coordinate %d must be a number, got %s", name(), n, describeByte(c))
		}
		end := off + 1
		for end < len(s.b) && isNumberByte(s.b[end]) {
			end++
		}
		s.i = end
		v, err := strconv.ParseFloat(string(s.b[off:end]), 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return pos, s.p.errAt(off, "geo.parse.number", "%s: invalid number %q", name(), string(s.b[off:end]))
		}
		switch n {
		case 0:
			if !(v >= -180 && v <= 180) {
				return pos, s.p.errAt(off, "geo.parse.longitude", "%s: longitude %s out of range [-180, 180]", name(), string(s.b[off:end]))
			}
		case 1:
			if !(v >= -90 && v <= 90) {
				return pos, s.p.errAt(off, "geo.parse.latitude", "%s: latitude %s out of range [-90, 90]", name(), string(s.b[off:end]))
			}
		}
		if n < 2 {
			pos[n] = v
		}
	}
	if n < 2 || n > 3 {
		return pos, s.p.errAt(start, "geo.parse.coordinate_count", "%s has %d coordinates, want 2 (or 3 with altitude)", name(), n)
	}
	return pos, nil
}

func isNumberByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
}

// round6 rounds to 6 decimals (about 0.1 m) and turns -0 into 0.
func round6(v float64) float64 {
	r := math.Round(v*1e6) / 1e6
	if r == 0 {
		return 0
	}
	return r
}

func skipWS(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// The kinds of JSON value named in messages.
var (
	textObject  = text("geo.parse.token.object", "an object")
	textArray   = text("geo.parse.token.array", "an array")
	textString  = text("geo.parse.token.string", "a string")
	textNumber  = text("geo.parse.token.number", "a number")
	textBoolean = text("geo.parse.token.boolean", "a boolean")
	textNull    = text("geo.parse.token.null", "null")
	textEOF     = text("geo.parse.token.eof", "end of input")
)

func describeToken(t json.Token) Text {
	switch v := t.(type) {
	case json.Delim:
		switch v {
		case '{':
			return textObject
		case '[':
			return textArray
		}
		return text("geo.parse.literal", "%s", fmt.Sprintf("%q", string(v)))
	case string:
		return text("geo.parse.literal", "%s", strconv.Quote(v))
	case float64, json.Number:
		return textNumber
	case bool:
		return textBoolean
	case nil:
		return textNull
	}
	return text("geo.parse.literal", "%s", fmt.Sprintf("%T", t))
}

func describeByte(c byte) Text {
	switch {
	case c == '{':
		return textObject
	case c == '[':
		return textArray
	case c == '"':
		return textString
	case c == 't' || c == 'f':
		return textBoolean
	case c == 'n':
		return textNull
	case c == '-' || c >= '0' && c <= '9':
		return textNumber
	case c == 0:
		return textEOF
	}
	return text("geo.parse.literal", "%s", fmt.Sprintf("%q", c))
}

// lineCounter maps increasing byte offsets to line numbers without
// rescanning from the start each time.
type lineCounter struct {
	data []byte
	off  int
	n    int // newlines in data[:off]
}

func (c *lineCounter) line(off int) int {
	if off < c.off {
		c.off, c.n = 0, 0
	}
	for _, b := range c.data[c.off:off] {
		if b == '\n' {
			c.n++
		}
	}
	c.off = off
	return c.n + 1
}
