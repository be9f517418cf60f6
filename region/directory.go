package region

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"
)

//go:generate go run ./gen -src ../node_modules/idn-area-data/data -out data/regions.gz

// regionsGz is written by ./gen: a gzip stream of "code\tname\n" lines sorted
// by code.
//
//go:embed data/regions.gz
var regionsGz []byte

// Directory is the in-memory region tree with its search index. It is
// immutable once built; all methods are safe for concurrent use.
type Directory struct {
	// all holds every region sorted by code. Since code segments have fixed
	// widths, this is a pre-order walk: each region is followed by its
	// descendants, which therefore occupy all[i+1 : subEnd[i]].
	all    []Region
	byCode map[string]int32
	parent []int32 // index of the parent in all, -1 for provinces
	subEnd []int32 // end (exclusive) of the descendants of all[i]
	// byLevel[l] lists the indexes of the level-l regions, sorted by code.
	// The children of all[i] are byLevel[all[i].Level+1][kidLo[i]:kidHi[i]].
	byLevel [Village + 1][]int32
	kidLo   []int32
	kidHi   []int32

	idx searchIndex
}

// Load parses the embedded reference and builds a Directory. It takes a few
// tens of milliseconds; call it once and share the result.
func Load() (*Directory, error) {
	raw, err := gunzip(regionsGz)
	if err != nil {
		return nil, fmt.Errorf("region: reading embedded data: %w", err)
	}
	return parse(raw)
}

func gunzip(gz []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	// The gzip trailer ends with the uncompressed size (mod 2^32), which
	// lets the output buffer be allocated once.
	size := 0
	if len(gz) >= 4 {
		size = int(binary.LittleEndian.Uint32(gz[len(gz)-4:]))
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+1))
	if _, err := io.Copy(buf, zr); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// parse builds a Directory from "code\tname\n" lines sorted by code. Codes and
// names are substrings of one string copied from raw.
func parse(raw []byte) (*Directory, error) {
	n := bytes.Count(raw, []byte{'\n'})
	text := string(raw)
	d := &Directory{
		all:    make([]Region, 0, n),
		byCode: make(map[string]int32, n),
		parent: make([]int32, 0, n),
	}
	line := 0
	for len(text) > 0 {
		line++
		nl := strings.IndexByte(text, '\n')
		if nl < 0 {
			return nil, fmt.Errorf("region: data line %d: missing newline", line)
		}
		rec := text[:nl]
		text = text[nl+1:]
		code, name, ok := strings.Cut(rec, "\t")
		if !ok || name == "" {
			return nil, fmt.Errorf("region: data line %d: malformed record %q", line, rec)
		}
		lvl := LevelOf(code)
		if lvl == 0 {
			return nil, fmt.Errorf("region: data line %d: malformed code %q", line, code)
		}
		if k := len(d.all); k > 0 && d.all[k-1].Code >= code {
			return nil, fmt.Errorf("region: data line %d: code %q out of order", line, code)
		}
		r := Region{Code: code, Name: name, Level: lvl}
		p := int32(-1)
		if lvl > Province {
			r.Parent = code[:strings.LastIndexByte(code, '.')]
			var ok bool
			if p, ok = d.byCode[r.Parent]; !ok {
				return nil, fmt.Errorf("region: data line %d: code %q has no parent", line, code)
			}
		}
		r.Kind = kindOf(code, name, lvl)
		i := int32(len(d.all))
		d.all = append(d.all, r)
		d.parent = append(d.parent, p)
		d.byCode[code] = i
		d.byLevel[lvl] = append(d.byLevel[lvl], i)
	}
	d.buildTree()
	d.idx.build(d)
	return d, nil
}

// kindOf derives the kind of a region from its code and name. Villages whose
// number starts with 1 are kelurahan; 2 is a desa, and 3 (used only for the
// "Desa Adat" of Kabupaten Jayapura) is a customary desa, also KindDesa.
func kindOf(code, name string, lvl Level) Kind {
	switch lvl {
	case Province:
		return KindProvince
	case Regency:
		if strings.HasPrefix(name, "Kota ") {
			return KindKota
		}
		return KindKabupaten
	case District:
		return KindDistrict
	default:
		if code[len(code)-4] == '1' {
			return KindKelurahan
		}
		return KindDesa
	}
}

func (d *Directory) buildTree() {
	n := len(d.all)
	d.subEnd = make([]int32, n)
	d.kidLo = make([]int32, n)
	d.kidHi = make([]int32, n)
	// In pre-order, the subtree of i ends at the next region whose level is
	// not deeper than its own.
	stack := make([]int32, 0, 8)
	for i := range d.all {
		for len(stack) > 0 && d.all[stack[len(stack)-1]].Level >= d.all[i].Level {
			d.subEnd[stack[len(stack)-1]] = int32(i)
			stack = stack[:len(stack)-1]
		}
		stack = append(stack, int32(i))
	}
	for _, i := range stack {
		d.subEnd[i] = int32(n)
	}
	// byLevel lists are in code order, so siblings are contiguous.
	for lvl := Regency; lvl <= Village; lvl++ {
		for k, i := range d.byLevel[lvl] {
			p := d.parent[i]
			if d.kidHi[p] == 0 {
				d.kidLo[p] = int32(k)
			}
			d.kidHi[p] = int32(k + 1)
		}
	}
}

// Get returns the region with the given code.
func (d *Directory) Get(code string) (Region, bool) {
	i, ok := d.byCode[code]
	if !ok {
		return Region{}, false
	}
	return d.all[i], true
}

// Children returns the direct children of the region with the given code,
// sorted by code; code "" gives the provinces. It returns nil for an unknown
// code or a village. The slice is the caller's to keep or modify.
func (d *Directory) Children(code string) []Region {
	var ids []int32
	if code == "" {
		ids = d.byLevel[Province]
	} else {
		i, ok := d.byCode[code]
		if !ok || d.all[i].Level == Village {
			return nil
		}
		ids = d.byLevel[d.all[i].Level+1][d.kidLo[i]:d.kidHi[i]]
	}
	if len(ids) == 0 {
		return nil
	}
	out := make([]Region, len(ids))
	for k, i := range ids {
		out[k] = d.all[i]
	}
	return out
}

// Ancestors returns the regions above the one with the given code, province
// first, excluding the region itself. It returns nil for a province or an
// unknown code.
func (d *Directory) Ancestors(code string) []Region {
	i, ok := d.byCode[code]
	if !ok || d.parent[i] < 0 {
		return nil
	}
	out := make([]Region, d.all[i].Level-1)
	for k, p := len(out)-1, d.parent[i]; p >= 0; k, p = k-1, d.parent[p] {
		out[k] = d.all[p]
	}
	return out
}

// Count returns the number of regions of the given level; level 0 counts all
// regions, and any other level returns 0.
func (d *Directory) Count(level Level) int {
	switch {
	case level == 0:
		return len(d.all)
	case level >= Province && level <= Village:
		return len(d.byLevel[level])
	}
	return 0
}

// All returns a copy of every region, sorted by code (so every parent comes
// before its children, as a database load with foreign keys needs).
func (d *Directory) All() []Region {
	return slices.Clone(d.all)
}

// segment widths of a code: "11", "11.01", "11.01.01", "11.01.01.2001".
var codeWidths = [...]int{2, 2, 2, 4}

// LevelOf returns the level that the syntax of code implies, or 0 if code is
// not well formed. It does not check that the region exists.
func LevelOf(code string) Level {
	rest := code
	for lvl, w := range codeWidths {
		if lvl > 0 {
			if rest[0] != '.' {
				return 0
			}
			rest = rest[1:]
		}
		if len(rest) < w {
			return 0
		}
		for j := 0; j < w; j++ {
			if c := rest[j]; c < '0' || c > '9' {
				return 0
			}
		}
		rest = rest[w:]
		if rest == "" {
			return Level(lvl + 1)
		}
	}
	return 0
}

// ValidCode reports whether s is a well-formed region code of any level,
// such as "11", "11.01", "11.01.01" or "11.01.01.2001". It checks the syntax
// only, not that the region exists (use Directory.Get for that).
func ValidCode(s string) bool { return LevelOf(s) != 0 }
