package geo

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Standard file names in a geography folder (see LoadDir).
var (
	boundaryLevels = []string{"provinces", "regencies"}
	pointFiles     = []string{"regency_points.csv", "district_points.csv", "village_points.csv"}
	adjacencyFiles = []string{"regency_adjacency.csv", "district_adjacency.csv"}
	travelTimeFile = "travel_times.csv"
)

// LoadDir loads the standard set of geography files from dir:
//
//   - boundaries from provinces.geojson and regencies.geojson (full
//     resolution: the simplified _web versions drop small islands, e.g. all
//     but one of Kepulauan Seribu's), each falling back to the _web file
//     when the full one is absent;
//   - points from regency_points.csv, district_points.csv and
//     village_points.csv;
//   - adjacency from regency_adjacency.csv and district_adjacency.csv;
//   - travel times from travel_times.csv (see ParseTravelTimes).
//
// Every file is optional, but at least one must be present. A part of the
// Dataset for which no file was present stays nil, so that the store keeps
// what it has; a part with a file is non-nil even if empty. Codes (and
// pairs) must be unique across the files of a part. Unmatched collects the
// rows of all files whose code known rejects; a nil known accepts all.
//
// The first error stops the load: a *ParseError for a structural problem
// (File is the path under dir), otherwise an I/O error.
func LoadDir(dir string, known func(code string) bool) (*Dataset, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("geo: %s is not a directory", dir)
	}
	l := newLoader(known)
	found := false
	for _, lvl := range boundaryLevels {
		for _, name := range []string{lvl + ".geojson", lvl + "_web.geojson"} {
			path := filepath.Join(dir, name)
			ok, err := isFile(path)
			if err != nil {
				return nil, err
			}
			if ok {
				found = true
				if err := l.boundaries(path); err != nil {
					return nil, err
				}
				break
			}
		}
	}
	for _, name := range append(append([]string{}, pointFiles...), append(adjacencyFiles, travelTimeFile)...) {
		path := filepath.Join(dir, name)
		ok, err := isFile(path)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		found = true
		if name == travelTimeFile {
			err = l.travelFile(path)
		} else {
			err = l.csv(path, strings.HasSuffix(name, "_points.csv"))
		}
		if err != nil {
			return nil, err
		}
	}
	if !found {
		return nil, fmt.Errorf("geo: no geography files in %s (want provinces[_web].geojson, regencies[_web].geojson, %s, %s or %s)",
			dir, strings.Join(pointFiles, ", "), strings.Join(adjacencyFiles, ", "), travelTimeFile)
	}
	return &l.ds, nil
}

// LoadFiles loads the given files, choosing the parser by extension: .geojson
// and .json files are boundaries; a .csv file holds points if its header has
// lon and lat columns, adjacency if it has code_a and code_b, travel times
// if it has place, seat and minutes (having more than one is an error). Parts, uniqueness, Unmatched and errors are as for LoadDir.
func LoadFiles(paths []string, known func(code string) bool) (*Dataset, error) {
	if len(paths) == 0 {
		return nil, errors.New("geo: no files to load")
	}
	l := newLoader(known)
	for _, path := range paths {
		switch ext := strings.ToLower(filepath.Ext(path)); ext {
		case ".geojson", ".json":
			if err := l.boundaries(path); err != nil {
				return nil, err
			}
		case ".csv":
			if err := l.csvAuto(path); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("geo: %s: unsupported file type %q (want .geojson, .json or .csv)", path, ext)
		}
	}
	return &l.ds, nil
}

type loader struct {
	known  func(string) bool
	ds     Dataset
	codesB map[string]origin // boundary codes
	codesP map[string]origin // point codes
	pairs  map[[2]string]origin
	legs   map[[2]string]origin // travel-time (place, seat) pairs
}

func newLoader(known func(string) bool) *loader {
	return &loader{
		known:  known,
		codesB: make(map[string]origin),
		codesP: make(map[string]origin),
		pairs:  make(map[[2]string]origin),
		legs:   make(map[[2]string]origin),
	}
}

func isFile(path string) (bool, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("geo: %w", err)
	case !st.Mode().IsRegular():
		return false, fmt.Errorf("geo: %s is not a regular file", path)
	}
	return true, nil
}

func (l *loader) boundaries(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("geo: %w", err)
	}
	defer f.Close()
	b, u, err := parseBoundaries(f, path, l.known, l.codesB)
	return gather(l, &l.ds.Boundaries, b, u, err)
}

// gather adds what one file gave to the data set: its rows to *dst (made
// with room for them at the first file) and its unmatched codes.
func gather[T any](l *loader, dst *[]T, rows []T, u []Unmatched, err error) error {
	if err != nil {
		return err
	}
	if *dst == nil {
		*dst = make([]T, 0, len(rows))
	}
	*dst = append(*dst, rows...)
	l.ds.Unmatched = append(l.ds.Unmatched, u...)
	return nil
}

// withCSV opens the CSV file at path and hands its table to read.
func withCSV(path string, read func(*csvTable) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("geo: %w", err)
	}
	defer f.Close()
	t, err := openCSV(bufio.NewReaderSize(f, 1<<16), path)
	if err != nil {
		return err
	}
	return read(t)
}

// csv loads a points (points true) or adjacency file.
func (l *loader) csv(path string, points bool) error {
	return withCSV(path, func(t *csvTable) error { return l.table(t, points) })
}

func (l *loader) csvAuto(path string) error {
	return withCSV(path, l.auto)
}

// auto reads a CSV table of whichever kind its header shows.
func (l *loader) auto(t *csvTable) error {
	path := t.file
	isPoints, isPairs, isTimes := t.has("lon", "lat"), t.has("code_a", "code_b"), t.has("place", "seat", "minutes")
	switch n := btoi(isPoints) + btoi(isPairs) + btoi(isTimes); {
	case n > 1:
		return &ParseError{File: path, Line: 1, Column: 1, Msg: "header has the columns of more than one kind of file " +
			"(lon/lat, code_a/code_b, place/seat/minutes); cannot tell which it is",
			Key: "geo.parse.mixed_kinds"}
	case n == 0:
		return &ParseError{File: path, Line: 1, Column: 1, Msg: "header has neither lon/lat (points), code_a/code_b (adjacency) " +
			"nor place/seat/minutes (travel times) columns",
			Key: "geo.parse.unknown_kind"}
	case isTimes:
		return l.travel(t)
	}
	return l.table(t, isPoints)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// travelFile loads a travel-time file.
func (l *loader) travelFile(path string) error { return withCSV(path, l.travel) }

func (l *loader) travel(t *csvTable) error {
	tt, u, err := t.travelTimes(l.known, l.legs)
	return gather(l, &l.ds.TravelTimes, tt, u, err)
}

func (l *loader) table(t *csvTable, points bool) error {
	if points {
		p, u, err := t.points(l.known, l.codesP)
		return gather(l, &l.ds.Points, p, u, err)
	}
	a, u, err := t.adjacency(l.known, l.pairs)
	return gather(l, &l.ds.Adjacency, a, u, err)
}

// Kind is the kind of geography one file holds.
type Kind string

// The kinds of file ReadFile recognizes.
const (
	KindBoundaries  Kind = "boundaries"   // GeoJSON FeatureCollection
	KindPoints      Kind = "points"       // CSV with lon and lat columns
	KindAdjacency   Kind = "adjacency"    // CSV with code_a and code_b columns
	KindTravelTimes Kind = "travel_times" // CSV with place, seat and minutes columns
)

// ReadFile reads one uploaded file whose kind is told by its content, never
// by its name: a file whose first byte (after a UTF-8 byte order mark and
// white space) is "{" is GeoJSON boundaries, anything else is a CSV table
// whose header decides, as for LoadFiles. name is only used in errors and in
// Unmatched. Exactly the part of the Dataset for that kind is non-nil, so
// storing it keeps the other parts. Errors are as for LoadFiles.
func ReadFile(data []byte, name string, known func(code string) bool) (*Dataset, Kind, error) {
	l := newLoader(known)
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	if len(head) > 0 && head[0] == '{' {
		b, u, err := parseBoundaries(bytes.NewReader(data), name, known, l.codesB)
		if err := gather(l, &l.ds.Boundaries, b, u, err); err != nil {
			return nil, "", err
		}
		return &l.ds, KindBoundaries, nil
	}
	t, err := openCSV(bytes.NewReader(data), name)
	if err != nil {
		return nil, "", err
	}
	if err := l.auto(t); err != nil {
		return nil, "", err
	}
	switch {
	case l.ds.Points != nil:
		return &l.ds, KindPoints, nil
	case l.ds.Adjacency != nil:
		return &l.ds, KindAdjacency, nil
	}
	return &l.ds, KindTravelTimes, nil
}
