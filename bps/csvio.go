package bps

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	jalin "github.com/jalin-ksd/jalin"
)

// table reads a CSV file with a header and gives access to its fields by
// column name, with file:line:column positions for errors.
type table struct {
	file string
	cr   *csv.Reader
	col  map[string]int
	rec  []string
	read bool // a record (the header at least) was read, so FieldPos works
}

func openTable(r io.Reader, file string, required ...string) (*table, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	t := &table{file: file, cr: cr, col: map[string]int{}}
	head, err := cr.Read()
	if err != nil {
		return nil, t.err(0, "header", "bps.csv_header", err)
	}
	t.read = true
	for i, h := range head {
		t.col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, c := range required {
		if _, ok := t.col[c]; !ok {
			return nil, t.err(0, "header", "bps.csv_column_missing", fmt.Errorf("no column %q", c))
		}
	}
	return t, nil
}

// next reads the next record; it returns false at the end of the file.
func (t *table) next() (bool, error) {
	rec, err := t.cr.Read()
	if errors.Is(err, io.EOF) {
		return false, nil
	}
	if err != nil {
		return false, t.err(0, "row", "bps.csv_syntax", err)
	}
	t.rec = rec
	return true, nil
}

func (t *table) has(name string) bool { _, ok := t.col[name]; return ok }

// get returns the trimmed field of the named column, "" if the file has no
// such column.
func (t *table) get(name string) string {
	i, ok := t.col[name]
	if !ok {
		return ""
	}
	return strings.TrimSpace(t.rec[i])
}

// line returns the line of the current record.
func (t *table) line() int {
	l, _ := t.cr.FieldPos(0)
	return l
}

func (t *table) year(name string) (int, error) {
	y, err := strconv.Atoi(t.get(name))
	if err == nil && (y < 1900 || y > 2200) {
		err = fmt.Errorf("year %d out of range", y)
	}
	if err != nil {
		return 0, t.err(t.col[name], name, "bps.csv_year", err)
	}
	return y, nil
}

func (t *table) number(name string) (float64, error) {
	s := t.get(name)
	v, err := strconv.ParseFloat(s, 64)
	if err == nil && (math.IsInf(v, 0) || math.IsNaN(v)) {
		err = fmt.Errorf("not a finite number: %q", s)
	}
	if err != nil {
		return 0, t.err(t.col[name], name, "bps.csv_number", err)
	}
	return v, nil
}

// fieldErr reports a bad value in the named column of the current record.
func (t *table) fieldErr(name, msg string, cause error) error {
	return t.err(t.col[name], name, msg, cause)
}

// err builds the EInvalid error whose Args hold "file:line:column".
func (t *table) err(field int, what, msg string, cause error) error {
	line, col := 0, 0
	if t.read {
		line, col = t.cr.FieldPos(field)
	}
	var pe *csv.ParseError
	if errors.As(cause, &pe) {
		line, col = pe.Line, pe.Column
	}
	pos := fmt.Sprintf("%s:%d:%d", t.file, line, col)
	if cause == nil {
		cause = errors.New(msg)
	}
	return &jalin.Error{Code: jalin.EInvalid, Msg: msg, Field: what, Args: []any{pos}, Err: fmt.Errorf("%s: %w", pos, cause)}
}

// each calls fn for every record after the header, stopping at the first
// error (of reading or of fn).
func (t *table) each(fn func() error) error {
	for {
		more, err := t.next()
		if err != nil || !more {
			return err
		}
		if err := fn(); err != nil {
			return err
		}
	}
}
