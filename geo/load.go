package geo

import (
	"bufio"
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
)

// LoadDir loads the standard set of geography files from dir:
//
//   - boundaries from provinces.geojson and regencies.geojson (full
//     resolution: the simplified _web versions drop small islands, e.g. all
//     but one of Kepulauan Seribu's), each falling back to the _web file
//     when the full one is absent;
//   - points from regency_points.csv, district_points.csv and
//     village_points.csv;
//   - adjacency from regency_adjacency.csv and district_adjacency.csv.
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
	for _, name := range append(append([]string{}, pointFiles...), adjacencyFiles...) {
		path := filepath.Join(dir, name)
		ok, err := isFile(path)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		found = true
		if err := l.csv(path, strings.HasSuffix(name, "_points.csv")); err != nil {
			return nil, err
		}
	}
	if !found {
		return nil, fmt.Errorf("geo: no geography files in %s (want provinces[_web].geojson, regencies[_web].geojson, %s or %s)",
			dir, strings.Join(pointFiles, ", "), strings.Join(adjacencyFiles, ", "))
	}
	return &l.ds, nil
}

// LoadFiles loads the given files, choosing the parser by extension: .geojson
// and .json files are boundaries; a .csv file holds points if its header has
// lon and lat columns, adjacency if it has code_a and code_b (having both is
// an error). Parts, uniqueness, Unmatched and errors are as for LoadDir.
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
}

func newLoader(known func(string) bool) *loader {
	return &loader{
		known:  known,
		codesB: make(map[string]origin),
		codesP: make(map[string]origin),
		pairs:  make(map[[2]string]origin),
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
	if err != nil {
		return err
	}
	if l.ds.Boundaries == nil {
		l.ds.Boundaries = make([]Boundary, 0, len(b))
	}
	l.ds.Boundaries = append(l.ds.Boundaries, b...)
	l.ds.Unmatched = append(l.ds.Unmatched, u...)
	return nil
}

// csv loads a points (points true) or adjacency file.
func (l *loader) csv(path string, points bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("geo: %w", err)
	}
	defer f.Close()
	t, err := openCSV(bufio.NewReaderSize(f, 1<<16), path)
	if err != nil {
		return err
	}
	return l.table(t, points)
}

func (l *loader) csvAuto(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("geo: %w", err)
	}
	defer f.Close()
	t, err := openCSV(bufio.NewReaderSize(f, 1<<16), path)
	if err != nil {
		return err
	}
	isPoints, isPairs := t.has("lon", "lat"), t.has("code_a", "code_b")
	switch {
	case isPoints && isPairs:
		return &ParseError{File: path, Line: 1, Column: 1, Msg: "header has both lon/lat and code_a/code_b; cannot tell points from adjacency"}
	case !isPoints && !isPairs:
		return &ParseError{File: path, Line: 1, Column: 1, Msg: "header has neither lon/lat (points) nor code_a/code_b (adjacency) columns"}
	}
	return l.table(t, isPoints)
}

func (l *loader) table(t *csvTable, points bool) error {
	if points {
		p, u, err := t.points(l.known, l.codesP)
		if err != nil {
			return err
		}
		if l.ds.Points == nil {
			l.ds.Points = make([]Point, 0, len(p))
		}
		l.ds.Points = append(l.ds.Points, p...)
		l.ds.Unmatched = append(l.ds.Unmatched, u...)
		return nil
	}
	a, u, err := t.adjacency(l.known, l.pairs)
	if err != nil {
		return err
	}
	if l.ds.Adjacency == nil {
		l.ds.Adjacency = make([]Adjacency, 0, len(a))
	}
	l.ds.Adjacency = append(l.ds.Adjacency, a...)
	l.ds.Unmatched = append(l.ds.Unmatched, u...)
	return nil
}
