package geo

import (
	"bytes"
	"fmt"
)

// ParseError is a structural error in an input file. Line and Column are
// 1-based; Column counts bytes (not runes) from the start of the line, in
// GeoJSON and CSV files alike. Line or Column is 0 when the position is not
// known (the error then concerns the file as a whole).
type ParseError struct {
	File   string
	Line   int
	Column int
	Msg    string
}

// Error formats the error as "file:line:column: msg", the form editors and
// compilers use, leaving out the parts that are unknown.
func (e *ParseError) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	default:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
}

// lineCol converts a byte offset in data to a 1-based line and byte column.
// Offsets past the end are clamped to the end.
func lineCol(data []byte, off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(data) {
		off = len(data)
	}
	head := data[:off]
	line = 1 + bytes.Count(head, []byte{'\n'})
	col = off - (bytes.LastIndexByte(head, '\n') + 1) + 1
	return line, col
}
