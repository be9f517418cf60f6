// Command gen builds region/data/regions.gz, the embedded administrative-area
// reference, from the CSV files of the npm package idn-area-data.
//
// Usage, from the repository root:
//
//	go run ./region/gen [-src node_modules/idn-area-data/data] [-out region/data/regions.gz]
//
// The output is a gzip stream (no file name, zero modification time, fixed
// compression level) holding one line per region, "code\tname\n", sorted by
// code. Because codes have fixed-width segments, code order is also a
// pre-order walk of the tree: every region comes right before its
// descendants. Nothing derivable is stored: the level follows from the code
// syntax, the parent from the code prefix and the kind from the code and name.
// The output depends only on the input files (and the Go version's
// compress/flate), so CI can rerun the generator and check that the committed
// file is unchanged.
//
// The input is validated while it is read. Any of these is an error reported
// as file:line: a malformed code, a code that does not belong to the file's
// level, a parent column that differs from the code prefix or names a parent
// that does not exist, a duplicate code, an empty name or a name with control
// characters, invalid UTF-8 or stray spaces, a regency name that starts with
// neither "Kabupaten " nor "Kota ", and a village code whose last segment does
// not start with 1 (kelurahan), 2 (desa) or 3 (desa adat).
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

func main() {
	src := flag.String("src", "node_modules/idn-area-data/data", "directory holding the idn-area-data CSV files")
	out := flag.String("out", "region/data/regions.gz", "output file")
	flag.Parse()
	if flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "gen: unexpected arguments:", flag.Args())
		os.Exit(2)
	}
	data, counts, err := build(*src)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := writeFile(*out, data); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %s (%d bytes): %d provinces, %d regencies, %d districts, %d villages\n",
		*out, len(data), counts[1], counts[2], counts[3], counts[4])
}

// source describes one input file: its level and its expected header.
type source struct {
	file   string
	level  int
	header []string
}

var sources = []source{
	{"provinces.csv", 1, []string{"code", "name"}},
	{"regencies.csv", 2, []string{"code", "province_code", "name"}},
	{"districts.csv", 3, []string{"code", "regency_code", "name"}},
	{"villages.csv", 4, []string{"code", "district_code", "name"}},
}

type entry struct {
	code, name string
}

// build reads and validates the four CSV files under dir and returns the
// compressed output and the number of regions per level (index 1..4).
func build(dir string) ([]byte, [5]int, error) {
	var counts [5]int
	seen := make(map[string]string, 100_000) // code -> "file:line" of its first definition
	var entries []entry
	// Files are read parents first, so a parent must already be in seen.
	for _, s := range sources {
		path := filepath.Join(dir, s.file)
		err := readCSV(path, s.header, func(line int, rec []string) error {
			code, name := rec[0], rec[len(rec)-1]
			if err := checkCode(code, s.level); err != nil {
				return err
			}
			if s.level > 1 {
				parent := rec[1]
				if want := code[:strings.LastIndexByte(code, '.')]; parent != want {
					return fmt.Errorf("parent %q does not match code %q (want %q)", parent, code, want)
				}
				if _, ok := seen[parent]; !ok {
					return fmt.Errorf("code %q: parent %q does not exist", code, parent)
				}
			}
			if where, dup := seen[code]; dup {
				return fmt.Errorf("duplicate code %q (first defined at %s)", code, where)
			}
			if err := checkName(name); err != nil {
				return fmt.Errorf("code %q: %w", code, err)
			}
			switch s.level {
			case 2:
				if !strings.HasPrefix(name, "Kabupaten ") && !strings.HasPrefix(name, "Kota ") {
					return fmt.Errorf("code %q: regency name %q starts with neither \"Kabupaten \" nor \"Kota \"", code, name)
				}
			case 4:
				if d := code[len(code)-4]; d < '1' || d > '3' {
					return fmt.Errorf("code %q: village number must start with 1 (kelurahan), 2 (desa) or 3 (desa adat)", code)
				}
			}
			seen[code] = fmt.Sprintf("%s:%d", path, line)
			entries = append(entries, entry{code, name})
			counts[s.level]++
			return nil
		})
		if err != nil {
			return nil, counts, err
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.code, b.code) })

	var raw bytes.Buffer
	raw.Grow(len(entries) * 32)
	for _, e := range entries {
		raw.WriteString(e.code)
		raw.WriteByte('\t')
		raw.WriteString(e.name)
		raw.WriteByte('\n')
	}
	var out bytes.Buffer
	// A fresh gzip.Writer has a zero Header: no name, no comment, zero
	// modification time, OS "unknown". That keeps the output reproducible.
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, counts, err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, counts, err
	}
	if err := zw.Close(); err != nil {
		return nil, counts, err
	}
	return out.Bytes(), counts, nil
}

// readCSV reads path, checks its header and calls fn for every record with
// the record's line number. Errors are prefixed with path:line.
func readCSV(path string, header []string, fn func(line int, rec []string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = len(header)
	r.ReuseRecord = true
	first := true
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// csv.ParseError already carries the line number.
			return fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		if first {
			first = false
			if !slices.Equal(rec, header) {
				return fmt.Errorf("%s:%d: header is %q, want %q", path, line, rec, header)
			}
			continue
		}
		if err := fn(line, rec); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	if first {
		return fmt.Errorf("%s: empty file", path)
	}
	return nil
}

// checkCode checks that code is a well-formed code of the given level:
// "11", "11.01", "11.01.01" or "11.01.01.2001".
func checkCode(code string, level int) error {
	widths := []int{2, 2, 2, 4}[:level]
	rest := code
	for i, w := range widths {
		if i > 0 {
			if rest == "" || rest[0] != '.' {
				return fmt.Errorf("malformed level-%d code %q", level, code)
			}
			rest = rest[1:]
		}
		if len(rest) < w {
			return fmt.Errorf("malformed level-%d code %q", level, code)
		}
		for j := 0; j < w; j++ {
			if rest[j] < '0' || rest[j] > '9' {
				return fmt.Errorf("malformed level-%d code %q", level, code)
			}
		}
		rest = rest[w:]
	}
	if rest != "" {
		return fmt.Errorf("malformed level-%d code %q", level, code)
	}
	return nil
}

// checkName rejects names that are empty, not UTF-8, hold control characters
// (tabs and newlines would break the output format) or have leading,
// trailing or doubled spaces.
func checkName(name string) error {
	switch {
	case name == "":
		return errors.New("empty name")
	case !utf8.ValidString(name):
		return fmt.Errorf("name %q is not valid UTF-8", name)
	case strings.TrimSpace(name) != name || strings.Contains(name, "  "):
		return fmt.Errorf("name %q has leading, trailing or doubled spaces", name)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Errorf("name %q contains a control character", name)
	}
	return nil
}

// writeFile writes data to path through a temporary file in the same
// directory, so an interrupted run never leaves a truncated file behind.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".regions-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
