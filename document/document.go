// Package document decides whether an uploaded cooperation document (KAK,
// offer letter, KB, PKS, DPRD decision, report...) is a format Jalin accepts,
// judging by its content and never by its name, and stores accepted files by
// the hash of their content.
//
// The package imports neither net/http nor database/sql: the web layer reads
// the body with ReadLimited, calls Detect, and keeps the key returned by a
// BlobStore next to the document's metadata.
package document

import (
	"io"

	"github.com/jalin-ksd/jalin"
)

// DefaultMaxSize bounds an upload. Scanned PKS and KB with their annexes stay
// well below it; anything larger is more likely a mistake or an attack.
const DefaultMaxSize = 25 << 20

// Kinds of accepted documents, the values of Format.Kind.
const (
	KindPDF  = "pdf"
	KindDOCX = "docx"
	KindXLSX = "xlsx"
	KindPPTX = "pptx"
	KindODT  = "odt"
	KindODS  = "ods"
	KindODP  = "odp"
	KindOLE2 = "ole2-office" // legacy .doc, .xls, .ppt
)

// Format is what Detect found. MIME and Ext are what Jalin should serve and
// name the file with, whatever the uploader called it.
type Format struct {
	Kind string
	MIME string
	Ext  string // without the dot; "" when a legacy Office file could not be told apart
	// HasMacros reports VBA projects, Excel 4.0 macro sheets or ODF Basic
	// scripts. Such files are accepted so that the caller decides: a region
	// may refuse them, or keep them and warn whoever downloads them.
	HasMacros bool
}

// Message keys of the errors this package returns (see package i18n).
const (
	MsgTypeRefused = "document.type_refused" // arg: what the content looked like
	MsgCorrupt     = "document.corrupt"
	MsgTooLarge    = "document.too_large" // arg: the limit in MB
	MsgBadKey      = "document.bad_key"
	MsgNotFound    = "document.not_found"
)

// What a refused file looked like, the argument of MsgTypeRefused.
const (
	seenExecutable = "executable"
	seenScript     = "script"
	seenHTML       = "html"
	seenImage      = "image"
	seenArchive    = "archive"
	seenZip        = "zip"
	seenUnknown    = "unknown"
)

func refused(seen string) error {
	return jalin.Invalid("file", MsgTypeRefused, seen)
}

// corrupt reports a file that claims a format it does not follow. The cause
// is kept for the log only.
func corrupt(cause error) error {
	return &jalin.Error{Code: jalin.EInvalid, Msg: MsgCorrupt, Field: "file", Err: cause}
}

// ReadLimited reads r to its end but never more than max+1 bytes, so that an
// oversized upload costs at most one byte more than an accepted one. A max of
// zero or less means DefaultMaxSize.
func ReadLimited(r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxSize
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if int64(len(data)) > max {
		return nil, &jalin.Error{Code: jalin.ETooLarge, Msg: MsgTooLarge, Field: "file",
			Args: []any{(max + 1<<20 - 1) >> 20}}
	}
	if err != nil {
		return nil, jalin.Wrap(err, "document.read")
	}
	return data, nil
}
