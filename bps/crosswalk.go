package bps

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/jalin-ksd/jalin/region"
)

// CrosswalkVersion names the matching rules and the reviewed renames file
// together. Record it with every import, and raise it whenever either
// changes (TestRenamesFileVersion pins the file's checksum to it).
const CrosswalkVersion = "bps-kemendagri-2026.1"

// NationalCode is the region code given to the national row (BPS 9999).
// Kemendagri has no code for the nation; "00" keeps the shape of a
// province code while matching no region of the reference.
const NationalCode = "00"

//go:embed data/crosswalk_renames.csv
var renamesCSV []byte

// papuaSplit lists, for the two pre-2022 Papua provinces of the BPS
// 34-province map, the Kemendagri provinces their regencies now belong to
// (UU 14, 15 and 16/2022 and UU 29/2022). Regencies are placed among them
// by name, never by digits.
var papuaSplit = map[string][]string{
	"91": {"92", "96"},             // Papua Barat → Papua Barat, Papua Barat Daya
	"94": {"91", "93", "94", "95"}, // Papua → Papua, Papua Selatan, Papua Tengah, Papua Pegunungan
}

// FormerRefPrefix starts the code of a reference that is a pre-2022 BPS
// Papua province ("bps:94"): no Kemendagri code names those areas.
const FormerRefPrefix = "bps:"

// FormerProvince is a pre-2022 province of the BPS 34-province map whose
// area Kemendagri now divides among several provinces.
type FormerProvince struct {
	BPSCode string   // "91" or "94"
	Name    string   // as BPS named it
	Members []string // the Kemendagri provinces now covering it
}

// Ref is the reference code of the former province: FormerRefPrefix and
// its BPS code.
func (f FormerProvince) Ref() string { return FormerRefPrefix + f.BPSCode }

var formerNames = map[string]string{"91": "Papua Barat", "94": "Papua"}

// FormerProvinceOf returns the pre-2022 BPS province that Kemendagri
// province code was part of, for the six Papua provinces of 2022; ok is
// false for every other code.
func FormerProvinceOf(code string) (FormerProvince, bool) {
	for bpsCode, members := range papuaSplit {
		if slices.Contains(members, code) {
			return FormerProvince{BPSCode: bpsCode, Name: formerNames[bpsCode], Members: members}, true
		}
	}
	return FormerProvince{}, false
}

// FormerProvinceByRef returns the former province of a reference code
// made by FormerProvince.Ref.
func FormerProvinceByRef(ref string) (FormerProvince, bool) {
	c, ok := strings.CutPrefix(ref, FormerRefPrefix)
	if members, known := papuaSplit[c]; ok && known {
		return FormerProvince{BPSCode: c, Name: formerNames[c], Members: members}, true
	}
	return FormerProvince{}, false
}

// Crosswalk maps BPS region codes and names onto Kemendagri codes. It is
// immutable once built and safe for concurrent use.
type Crosswalk struct {
	dir *region.Directory
	// renames holds the reviewed exceptions, keyed by BPS code and then by
	// normalised BPS name.
	renames map[string]map[string]rename
	// byName indexes the regencies: province code → kind → normalised
	// name → Kemendagri code.
	byName map[string]map[region.Kind]map[string]string
}

type rename struct {
	target string // Kemendagri code, NationalCode, or "" for "deliberately unmapped"
	reason string
	line   int
}

// NewCrosswalk builds the crosswalk from the Kemendagri reference and the
// embedded, reviewed renames file.
func NewCrosswalk(dir *region.Directory) (*Crosswalk, error) {
	return newCrosswalk(dir, renamesCSV, "crosswalk_renames.csv")
}

func newCrosswalk(dir *region.Directory, renames []byte, file string) (*Crosswalk, error) {
	if dir == nil {
		return nil, errors.New("bps: nil region directory")
	}
	cw := &Crosswalk{
		dir:     dir,
		renames: map[string]map[string]rename{},
		byName:  map[string]map[region.Kind]map[string]string{},
	}
	for _, p := range dir.Children("") {
		kinds := map[region.Kind]map[string]string{}
		for _, r := range dir.Children(p.Code) {
			key := normName(r.Name, r.Kind)
			if kinds[r.Kind] == nil {
				kinds[r.Kind] = map[string]string{}
			}
			if prev, dup := kinds[r.Kind][key]; dup {
				return nil, fmt.Errorf("bps: regencies %s and %s share the normalised name %q", prev, r.Code, key)
			}
			kinds[r.Kind][key] = r.Code
		}
		cw.byName[p.Code] = kinds
	}
	if err := cw.loadRenames(renames, file); err != nil {
		return nil, err
	}
	return cw, nil
}

func (cw *Crosswalk) loadRenames(src []byte, file string) error {
	cr := csv.NewReader(bytes.NewReader(src))
	cr.Comment = '#'
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("bps: %s: header: %w", file, err)
	}
	want := []string{"bps_code", "bps_name", "kemendagri_code", "reason"}
	if strings.Join(head, ",") != strings.Join(want, ",") {
		return fmt.Errorf("bps: %s: header %q, want %q", file, head, want)
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("bps: %s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		code, name, target, reason := rec[0], rec[1], rec[2], rec[3]
		if !isBPSCode(code) || name == "" || strings.TrimSpace(reason) == "" {
			return fmt.Errorf("bps: %s:%d: need a 4-digit code, a name and a reason", file, line)
		}
		if target != "" && target != NationalCode {
			r, ok := cw.dir.Get(target)
			if !ok || r.Level > region.Regency {
				return fmt.Errorf("bps: %s:%d: %q is not a Kemendagri province or regency", file, line, target)
			}
			if wantLvl := levelOfBPS(code); wantLvl != r.Level {
				return fmt.Errorf("bps: %s:%d: %s and %s are not of the same level", file, line, code, target)
			}
		}
		key := normName(name, bpsKind(code))
		if cw.renames[code] == nil {
			cw.renames[code] = map[string]rename{}
		}
		if prev, dup := cw.renames[code][key]; dup {
			return fmt.Errorf("bps: %s:%d: %s %q repeats line %d", file, line, code, name, prev.line)
		}
		cw.renames[code][key] = rename{target: target, reason: reason, line: line}
	}
}

// Map returns the Kemendagri code of the BPS region with the given code and
// name. The BPS code gives only the province and the kind (its last two
// digits are 71 and above for a kota); the regency itself is found by name
// within the province, or taken from the reviewed renames file. When ok is
// false, reason says why; nothing is guessed. When ok is true, reason is
// empty for a name match, or the reviewed reason of the rename used.
func (cw *Crosswalk) Map(bpsCode, bpsName string) (kemendagriCode string, ok bool, reason string) {
	if !isBPSCode(bpsCode) {
		return "", false, fmt.Sprintf("%q is not a 4-digit BPS code", bpsCode)
	}
	kind := bpsKind(bpsCode)
	key := normName(bpsName, kind)
	if key == "" {
		return "", false, fmt.Sprintf("BPS %s has no usable name (%q)", bpsCode, bpsName)
	}
	if rn, found := cw.renames[bpsCode][key]; found {
		if rn.target == "" {
			return "", false, rn.reason
		}
		return rn.target, true, rn.reason
	}
	if kind == region.KindProvince {
		return "", false, fmt.Sprintf("BPS province-level row %s %q is not in the reviewed renames file", bpsCode, bpsName)
	}
	prov := bpsCode[:2]
	cands := papuaSplit[prov]
	if cands == nil {
		cands = []string{prov}
	}
	var hits []string
	for _, p := range cands {
		if c, found := cw.byName[p][kind][key]; found {
			hits = append(hits, c)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], true, ""
	case 0:
		return "", false, fmt.Sprintf("no %s named %q in Kemendagri province %s", kind, bpsName, strings.Join(cands, "/"))
	default:
		return "", false, fmt.Sprintf("%s %q is ambiguous: %s", kind, bpsName, strings.Join(hits, ", "))
	}
}

// Directory returns the Kemendagri reference the crosswalk was built on.
func (cw *Crosswalk) Directory() *region.Directory { return cw.dir }

func isBPSCode(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// bpsKind reads the kind from a BPS code: "00" ends a province row (and
// 9999 is the nation, handled as a province-level row), 71 and above a
// kota.
func bpsKind(code string) region.Kind {
	switch {
	case code == "9999" || strings.HasSuffix(code, "00"):
		return region.KindProvince
	case code[2] >= '7':
		return region.KindKota
	default:
		return region.KindKabupaten
	}
}

func levelOfBPS(code string) region.Level {
	if bpsKind(code) == region.KindProvince {
		return region.Province
	}
	return region.Regency
}

// normName folds a region name for matching: lower case, the prefix of its
// kind dropped ("Provinsi", "Kabupaten"/"Kab.", "Kota", and "Administrasi"/
// "Adm."), "Kep." spelled out, and every space and punctuation mark removed
// so that "Padang Sidimpuan", "Padangsidimpuan", "Toli-Toli" and "Tolitoli"
// compare equal. The "Kota" prefix is dropped only for a kota, so the
// kabupaten "Kota Baru" stays "kotabaru".
func normName(name string, kind region.Kind) string {
	s := strings.ToLower(strings.Join(strings.Fields(name), " "))
	var prefixes []string
	switch kind {
	case region.KindProvince:
		prefixes = []string{"provinsi ", "prov. ", "prov "}
	case region.KindKota:
		prefixes = []string{"kota "}
	default:
		prefixes = []string{"kabupaten ", "kab. ", "kab "}
	}
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	for _, p := range []string{"administrasi ", "adm. ", "adm "} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	if strings.HasPrefix(s, "kep. ") {
		s = "kepulauan " + s[len("kep. "):]
	}
	var b strings.Builder
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}
