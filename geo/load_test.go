package geo

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadDirParts(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"provinces.geojson":     fc(feat("11", testPoly)), // preferred: full resolution
		"provinces_web.geojson": fc(feat("11", testPoly), feat("12", testPoly)),
		"regencies_web.geojson": fc(feat("11.01", testPoly)), // fallback: no full file
		"district_points.csv":   "code,lon,lat,kind\n11.01.01,97,3,centroid\n99.01.01,97,3,centroid\n",
		"travel_times.csv":      "place,seat,minutes\n11.01.01,11.02,40\n",
	})
	ds, err := LoadDir(dir, func(c string) bool { return !strings.HasPrefix(c, "99") })
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Boundaries) != 2 || ds.Boundaries[0].Code != "11" || ds.Boundaries[1].Code != "11.01" {
		t.Errorf("boundaries = %+v", ds.Boundaries)
	}
	if len(ds.Points) != 1 || ds.Points[0].Code != "11.01.01" {
		t.Errorf("points = %+v", ds.Points)
	}
	if ds.Adjacency != nil {
		t.Errorf("adjacency = %#v, want nil (no file)", ds.Adjacency)
	}
	if len(ds.TravelTimes) != 1 || ds.TravelTimes[0] != (TravelTime{"11.01.01", "11.02", 40}) {
		t.Errorf("travel times = %+v", ds.TravelTimes)
	}
	want := Unmatched{File: filepath.Join(dir, "district_points.csv"), Line: 3, Code: "99.01.01"}
	if len(ds.Unmatched) != 1 || ds.Unmatched[0] != want {
		t.Errorf("unmatched = %+v, want %+v", ds.Unmatched, want)
	}
}

func TestLoadDirEmptyPartsAreNotNil(t *testing.T) {
	dir := writeFiles(t, map[string]string{"regency_adjacency.csv": "code_a,code_b\n"})
	ds, err := LoadDir(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Adjacency == nil || len(ds.Adjacency) != 0 || ds.Boundaries != nil || ds.Points != nil {
		t.Errorf("dataset = %#v", ds)
	}
}

func TestLoadDirErrors(t *testing.T) {
	empty := writeFiles(t, map[string]string{"README.md": "x"})
	if _, err := LoadDir(empty, nil); err == nil || !strings.Contains(err.Error(), "no geography files in") {
		t.Errorf("empty dir: err = %v", err)
	}
	if _, err := LoadDir(filepath.Join(empty, "missing"), nil); err == nil {
		t.Error("missing dir: no error")
	}
	if _, err := LoadDir(filepath.Join(empty, "README.md"), nil); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("file as dir: err = %v", err)
	}

	bad := writeFiles(t, map[string]string{
		"regency_points.csv":    "code,lon,lat\n11.01,97,3\n",
		"district_points.csv":   "code,lon,lat\n11.01.01,97,3\n11.01,97,3\n", // repeats a regency point
		"regency_adjacency.csv": "code_a,code_b\n11.01,11.02\n",
	})
	_, err := LoadDir(bad, nil)
	checkParseError(t, err, filepath.Join(bad, "district_points.csv"), 3, 1,
		`duplicate code "11.01" (first in `+filepath.Join(bad, "regency_points.csv")+`:2)`)
}

func TestLoadFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.geojson": fc(feat("11", testPoly)),
		"b.JSON":    fc(feat("12", testPoly)),
		"p.csv":     "code,lat,lon\n11,4,96\n",
		"adj.csv":   "code_b,code_a,km\n11,12,3\n",
		"both.csv":  "code,lon,lat,code_a,code_b\n",
		"none.csv":  "code,x,y\n",
		"tt.csv":    "seat,place,minutes,source\n11.02,11.01.01,35.5,survey\n",
		"dup.json":  fc(feat("12", testPoly)),
		"x.txt":     "",
	})
	p := func(name string) string { return filepath.Join(dir, name) }
	ds, err := LoadFiles([]string{p("a.geojson"), p("b.JSON"), p("p.csv"), p("adj.csv")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Boundaries) != 2 || len(ds.Points) != 1 || len(ds.Adjacency) != 1 || ds.Adjacency[0] != (Adjacency{A: "11", B: "12"}) {
		t.Errorf("dataset = %+v", ds)
	}
	ds, err = LoadFiles([]string{p("p.csv")}, nil)
	if err != nil || ds.Boundaries != nil || ds.Adjacency != nil || len(ds.Points) != 1 {
		t.Errorf("points only: %+v %v", ds, err)
	}

	_, err = LoadFiles([]string{p("both.csv")}, nil)
	checkParseError(t, err, p("both.csv"), 1, 1, "header has the columns of more than one kind of file "+
		"(lon/lat, code_a/code_b, place/seat/minutes); cannot tell which it is")
	_, err = LoadFiles([]string{p("none.csv")}, nil)
	checkParseError(t, err, p("none.csv"), 1, 1, "header has neither lon/lat (points), code_a/code_b (adjacency) "+
		"nor place/seat/minutes (travel times) columns")
	ds, err = LoadFiles([]string{p("tt.csv")}, nil)
	if err != nil || ds.Points != nil || ds.Adjacency != nil ||
		!reflect.DeepEqual(ds.TravelTimes, []TravelTime{{Place: "11.01.01", Seat: "11.02", Minutes: 35.5}}) {
		t.Errorf("travel times only: %+v %v", ds, err)
	}
	_, err = LoadFiles([]string{p("b.JSON"), p("dup.json")}, nil)
	checkParseError(t, err, p("dup.json"), 2, 40, `feature 0 (code "12"): duplicate code "12" (first in `+p("b.JSON")+`:2)`)
	if _, err = LoadFiles([]string{p("x.txt")}, nil); err == nil || !strings.Contains(err.Error(), `unsupported file type ".txt"`) {
		t.Errorf("txt: err = %v", err)
	}
	if _, err = LoadFiles(nil, nil); err == nil {
		t.Error("no paths: no error")
	}
	_, err = LoadFiles([]string{p("missing.csv")}, nil)
	var pe *ParseError
	if !errors.Is(err, os.ErrNotExist) || errors.As(err, &pe) {
		t.Errorf("missing file: err = %v", err)
	}
}

// ReadFile tells the kind from the content alone: the names here all lie.
func TestReadFileKindFromContent(t *testing.T) {
	known := func(c string) bool { return !strings.HasPrefix(c, "99") }
	cases := []struct {
		name, body string
		kind       Kind
		count      func(*Dataset) int
	}{
		{"boundaries.csv", "\n  " + fc(feat("11", testPoly), feat("99", testPoly)), KindBoundaries, func(d *Dataset) int { return len(d.Boundaries) }},
		{"points.geojson", "\uFEFFcode,lon,lat\n11.01,97,3\n", KindPoints, func(d *Dataset) int { return len(d.Points) }},
		{"x.json", "code_a,code_b\n11.01,11.02\n", KindAdjacency, func(d *Dataset) int { return len(d.Adjacency) }},
		{"travel.txt", "place,seat,minutes\n11.01.01,11.01,40\n11.01.02,99.01,5\n", KindTravelTimes, func(d *Dataset) int { return len(d.TravelTimes) }},
	}
	for _, c := range cases {
		ds, kind, err := ReadFile([]byte(c.body), c.name, known)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if kind != c.kind || c.count(ds) != 1 {
			t.Errorf("%s: kind %q with %d rows, want %q with 1", c.name, kind, c.count(ds), c.kind)
		}
		parts := 0
		for _, nonNil := range []bool{ds.Boundaries != nil, ds.Points != nil, ds.Adjacency != nil, ds.TravelTimes != nil} {
			parts += btoi(nonNil)
		}
		if parts != 1 {
			t.Errorf("%s: %d parts set, want only its own", c.name, parts)
		}
		if (c.kind == KindBoundaries || c.kind == KindTravelTimes) != (len(ds.Unmatched) == 1) {
			t.Errorf("%s: unmatched %+v", c.name, ds.Unmatched)
		}
	}
}

// A bad row is refused with its file, line and column; an unknown header
// says which columns it wants.
func TestReadFileErrors(t *testing.T) {
	_, _, err := ReadFile([]byte("place,seat,minutes\n11.01.01,11.01,40\n11.01.02,11.01,soon\n"), "tt.csv", nil)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.File != "tt.csv" || pe.Line != 3 || pe.Column != 16 {
		t.Errorf("bad minutes: %v", err)
	} else {
		checkKeyed(t, pe)
	}
	_, _, err = ReadFile([]byte("a,b\n1,2\n"), "what.csv", nil)
	if !errors.As(err, &pe) || pe.Line != 1 || !strings.Contains(pe.Msg, "place/seat/minutes") {
		t.Errorf("unknown header: %v", err)
	}
}
