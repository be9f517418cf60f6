package document

import (
	"bytes"
	"errors"
	"io"

	"github.com/jalin-ksd/jalin"
)

// headSize is how much of the start of a file the signatures look at: the
// PDF header may sit anywhere in the first 1024 bytes, tar's magic at 257.
const headSize = 1024

// pdfTail is how far from the end "%%EOF" may be, as readers tolerate.
const pdfTail = 1024

// Detect decides the format of a file of the given size from its content.
// It reads only the first and last kilobyte, a ZIP's central directory and a
// few small parts, or an OLE2 directory, so its cost does not grow with the
// size of the document. Anything not positively recognised is refused with
// an EInvalid error on field "file"; a failing reader gives an EInternal one.
func Detect(r io.ReaderAt, size int64) (Format, error) {
	er := &errReaderAt{r: r}
	f, err := detect(er, size)
	if er.err != nil {
		// The verdict may rest on bytes that could not be read.
		return Format{}, jalin.Wrap(er.err, "document.read")
	}
	return f, err
}

func detect(r io.ReaderAt, size int64) (Format, error) {
	if size <= 0 {
		return Format{}, refused(seenUnknown)
	}
	head := make([]byte, min(size, headSize))
	if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return Format{}, err
	}
	if seen := denied(head); seen != "" {
		return Format{}, refused(seen)
	}
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return detectZip(r, size)
	case bytes.HasPrefix(head, ole2Magic):
		return detectOLE2(r, size)
	}
	if i := bytes.Index(head, []byte("%PDF-")); i >= 0 {
		return detectPDF(r, size, head[i:])
	}
	if bytes.HasPrefix(head, []byte("PK")) {
		return Format{}, refused(seenZip) // empty or spanned archive
	}
	return Format{}, refused(seenUnknown)
}

func detectPDF(r io.ReaderAt, size int64, header []byte) (Format, error) {
	// "%PDF-" then a version such as 1.7 or 2.0.
	if len(header) < 8 || !isDigit(header[5]) || header[6] != '.' || !isDigit(header[7]) {
		return Format{}, corrupt(errors.New("pdf: bad version in header"))
	}
	n := min(size, pdfTail)
	tail := make([]byte, n)
	if _, err := r.ReadAt(tail, size-n); err != nil && !errors.Is(err, io.EOF) {
		return Format{}, err
	}
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return Format{}, corrupt(errors.New("pdf: no %%EOF near the end (truncated?)"))
	}
	return Format{Kind: KindPDF, MIME: "application/pdf", Ext: "pdf"}, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// signature is a refused format recognised by its first bytes.
type signature struct {
	off   int
	magic string
	seen  string
}

var deniedSignatures = []signature{
	{0, "MZ", seenExecutable},               // DOS/Windows PE
	{0, "\x7fELF", seenExecutable},          // Linux
	{0, "\xfe\xed\xfa\xce", seenExecutable}, // Mach-O 32
	{0, "\xfe\xed\xfa\xcf", seenExecutable}, // Mach-O 64
	{0, "\xce\xfa\xed\xfe", seenExecutable},
	{0, "\xcf\xfa\xed\xfe", seenExecutable},
	{0, "\xca\xfe\xba\xbe", seenExecutable}, // Mach-O universal, Java class
	{0, "\x00asm", seenExecutable},          // WebAssembly
	{0, "#!", seenScript},
	{0, "\x89PNG\r\n\x1a\n", seenImage},
	{0, "\xff\xd8\xff", seenImage},
	{0, "GIF87a", seenImage},
	{0, "GIF89a", seenImage},
	{0, "BM", seenImage},
	{0, "II*\x00", seenImage},
	{0, "MM\x00*", seenImage},
	{8, "WEBP", seenImage},
	{0, "\x1f\x8b", seenArchive},           // gzip
	{0, "7z\xbc\xaf\x27\x1c", seenArchive}, // 7-Zip
	{0, "Rar!\x1a\x07", seenArchive},       // RAR
	{0, "BZh", seenArchive},                // bzip2
	{0, "\xfd7zXZ\x00", seenArchive},       // xz
	{0, "\x28\xb5\x2f\xfd", seenArchive},   // zstd
	{257, "ustar", seenArchive},            // tar
	{0, "MSCF", seenArchive},               // cabinet
	{0, "\x00\x00\x01\x00", seenImage},     // ico
	{0, "{\\rtf", seenUnknown},             // RTF: not on the list, and a common exploit carrier
	{0, "\xef\xbb\xbf#!", seenScript},      // script behind a UTF-8 BOM
}

// htmlTags are the WHATWG sniffing patterns a browser would render as HTML.
var htmlTags = []string{"<!doctype html", "<html", "<head", "<script", "<iframe",
	"<h1", "<div", "<font", "<table", "<a", "<style", "<title", "<b", "<body",
	"<br", "<p", "<!--", "<svg", "<?xml"}

// denied returns what head looks like if it is a format Jalin refuses, even
// when it could also pass for an accepted one (a polyglot).
func denied(head []byte) string {
	for _, s := range deniedSignatures {
		if len(head) >= s.off+len(s.magic) && string(head[s.off:s.off+len(s.magic)]) == s.magic {
			return s.seen
		}
	}
	t := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	t = bytes.TrimLeft(t, "\t\n\f\r ")
	for _, tag := range htmlTags {
		if len(t) > len(tag) && bytes.EqualFold(t[:len(tag)], []byte(tag)) {
			if c := t[len(tag)]; c == ' ' || c == '>' || c == '\t' || c == '\n' || c == '\r' || c == '/' || tag == "<!--" {
				return seenHTML
			}
		}
	}
	return ""
}

// errReaderAt remembers the first error of the underlying reader other than
// io.EOF, so that an I/O failure is not mistaken for a corrupt file.
type errReaderAt struct {
	r   io.ReaderAt
	err error
}

func (e *errReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := e.r.ReadAt(p, off)
	if err != nil && !errors.Is(err, io.EOF) && e.err == nil {
		e.err = err
	}
	return n, err
}
