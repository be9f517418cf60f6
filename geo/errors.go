package geo

import (
	"bytes"
	"fmt"
)

// ParseError is a structural error in an input file. Line and Column are
// 1-based; Column counts bytes (not runes) from the start of the line, in
// GeoJSON and CSV files alike. Line or Column is 0 when the position is not
// known (the error then concerns the file as a whole).
//
// Msg is the detail in English, for the command line and logs. Key and
// Args name the same detail as a message-catalogue entry, so that a user
// interface can show it in the user's language; an argument may itself be
// a Text, to be translated before it is formatted in. Context, when its
// Key is set, is a prefix naming the part of the file (a GeoJSON feature).
// The package only names keys; the catalogues are elsewhere.
type ParseError struct {
	File    string
	Line    int
	Column  int
	Msg     string
	Key     string
	Args    []any
	Context Text
}

// Text is a translatable fragment of a message: a catalogue key with its
// arguments, and the same text in English (what String returns, so that
// formatting a Text with %s gives the English form).
type Text struct {
	Key  string
	Args []any
	Msg  string
}

func (t Text) String() string { return t.Msg }

// text builds a Text whose English form is format applied to args.
func text(key, format string, args ...any) Text {
	return Text{Key: key, Args: args, Msg: fmt.Sprintf(format, args...)}
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
