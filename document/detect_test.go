package document

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
)

func detectBytes(b []byte) (Format, error) {
	return Detect(bytes.NewReader(b), int64(len(b)))
}

const (
	mimeODT = "application/vnd.oasis.opendocument.text"
	mainDOC = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)

func TestDetectAccepted(t *testing.T) {
	for _, c := range []struct {
		name   string
		data   []byte
		kind   string
		ext    string
		macros bool
	}{
		{"pdf", minimalPDF(0), KindPDF, "pdf", false},
		{"pdf after junk", append([]byte("\r\n%junk from a mailer\r\n"), minimalPDF(0)...), KindPDF, "pdf", false},
		{"pdf trailing bytes", append(minimalPDF(0), bytes.Repeat([]byte{0}, 500)...), KindPDF, "pdf", false},
		{"docx", docx(t), KindDOCX, "docx", false},
		{"xlsx", xlsx(t), KindXLSX, "xlsx", false},
		{"pptx", pptx(t), KindPPTX, "pptx", false},
		{"docx main part elsewhere", ooxml(t, "word/document2.xml", mainDOC), KindDOCX, "docx", false},
		{"docx with vbaProject.bin", docx(t, part{name: "word/vbaProject.bin", body: "VBA"}), KindDOCX, "docx", true},
		{"docm", ooxml(t, "word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"), KindDOCX, "docm", true},
		{"xlsx with Excel 4.0 macros", ooxml(t, "xl/workbook.xml",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
			part{name: "xl/macrosheets/sheet1.xml", body: "<x/>"}), KindXLSX, "xlsx", true},
		{"odt", odf(t, mimeODT, zip.Store), KindODT, "odt", false},
		{"ods", odf(t, "application/vnd.oasis.opendocument.spreadsheet", zip.Store), KindODS, "ods", false},
		{"odp", odf(t, "application/vnd.oasis.opendocument.presentation", zip.Store), KindODP, "odp", false},
		{"odt with Basic", odf(t, mimeODT, zip.Store, part{name: "Basic/Standard/Module1.xml", body: "<x/>"}), KindODT, "odt", true},
		{"doc", ole2(nil, "WordDocument", "1Table"), KindOLE2, "doc", false},
		{"doc with macros", ole2(nil, "WordDocument", "Macros"), KindOLE2, "doc", true},
		{"xls", ole2(nil, "Workbook"), KindOLE2, "xls", false},
		{"ppt", ole2(nil, "PowerPoint Document", "Current User"), KindOLE2, "ppt", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := detectBytes(c.data)
			if err != nil {
				t.Fatalf("Detect: %v", err)
			}
			if f.Kind != c.kind || f.Ext != c.ext || f.HasMacros != c.macros || f.MIME == "" {
				t.Fatalf("Detect = %+v, want kind %s ext %s macros %v", f, c.kind, c.ext, c.macros)
			}
		})
	}
}

func TestDetectRefused(t *testing.T) {
	pe := make([]byte, 512)
	copy(pe, "MZ")
	pe[0x3c] = 0x80
	copy(pe[0x80:], "PE\x00\x00")
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 120)...)
	zipOf := func(name, body string) []byte { return makeZip(t, part{name: name, body: body, method: zip.Deflate}) }
	truncated := minimalPDF(0)
	truncated = truncated[:len(truncated)-20]
	random := make([]byte, 4096)
	rand.NewChaCha8([32]byte{1}).Read(random)
	farEOF := append(minimalPDF(0), bytes.Repeat([]byte(" "), 2000)...)

	for _, c := range []struct {
		name string
		data []byte
		msg  string
		seen string // argument of MsgTypeRefused
	}{
		{"empty", nil, MsgTypeRefused, seenUnknown},
		{"PE named report.pdf", pe, MsgTypeRefused, seenExecutable},
		{"ELF named kak.pdf", elf, MsgTypeRefused, seenExecutable},
		{"Mach-O", []byte("\xcf\xfa\xed\xfe\x07\x00\x00\x01"), MsgTypeRefused, seenExecutable},
		{"PE with a PDF inside", append(pe, minimalPDF(0)...), MsgTypeRefused, seenExecutable},
		{"shell script", []byte("#!/bin/sh\nrm -rf /\n"), MsgTypeRefused, seenScript},
		{"html", []byte("\n  <!DOCTYPE html><html><body>PKS</body></html>"), MsgTypeRefused, seenHTML},
		{"html before a PDF header", append([]byte("<html><script>alert(1)</script>"), minimalPDF(0)...), MsgTypeRefused, seenHTML},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>`), MsgTypeRefused, seenHTML},
		{"javascript", []byte("fetch('/api').then(r => r.json())\n"), MsgTypeRefused, seenUnknown},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), MsgTypeRefused, seenImage},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), MsgTypeRefused, seenImage},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00"), MsgTypeRefused, seenArchive},
		{"plain zip", zipOf("notes.txt", "hello"), MsgTypeRefused, seenZip},
		{"empty zip", makeZip(t), MsgTypeRefused, seenZip},
		{"zip with an exe", zipOf("setup.exe", "MZ"), MsgTypeRefused, seenExecutable},
		{"docx with an exe", docx(t, part{name: "word/media/invoice.PDF.exe", body: "MZ"}), MsgTypeRefused, seenExecutable},
		{"zip bomb", docx(t, part{name: "word/media/big.bin", body: "x", size: 1 << 40}), MsgTypeRefused, seenZipBomb},
		{"zip bomb by count", manyEntries(t, maxZipEntries+1), MsgTypeRefused, seenZipBomb},
		{"content types without a main part", makeZip(t, part{name: "[Content_Types].xml", body: ctHead + "</Types>"}), MsgTypeRefused, seenZip},
		{"dotx template", ooxml(t, "word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"), MsgTypeRefused, seenZip},
		{"epub", odf(t, "application/epub+zip", zip.Store), MsgTypeRefused, seenZip},
		{"odt with compressed mimetype", odf(t, mimeODT, zip.Deflate), MsgTypeRefused, seenZip},
		{"msi", ole2(msiCLSID, "\u4840\u3b3f\u4577"), MsgTypeRefused, seenExecutable},
		{"ole2 without office streams", ole2(nil, "EncryptedPackage"), MsgTypeRefused, seenUnknown},
		{"random bytes", random, MsgTypeRefused, seenUnknown},

		{"pdf without %%EOF", truncated, MsgCorrupt, ""},
		{"pdf with %%EOF too far from the end", farEOF, MsgCorrupt, ""},
		{"pdf header only", []byte("%PDF-"), MsgCorrupt, ""},
		{"ole2 header only", ole2(nil, "WordDocument")[:512], MsgCorrupt, ""},
		{"docx main part missing", makeZip(t, part{name: "[Content_Types].xml", body: contentTypes("word/document.xml", mainDOC)}), MsgCorrupt, ""},
		{"docx bad xml", makeZip(t, part{name: "[Content_Types].xml", body: "<Types><Override"}), MsgCorrupt, ""},
		{"zip traversal", docx(t, part{name: "../../etc/cron.d/x", body: "x"}), MsgCorrupt, ""},
		{"zip duplicate names", docx(t, part{name: "[content_types].XML", body: "x"}), MsgCorrupt, ""},
		{"zip truncated", docx(t)[:200], MsgCorrupt, ""},
		{"zip with data appended", append(docx(t), "<script>"...), MsgCorrupt, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := detectBytes(c.data)
			var e *jalin.Error
			if !errors.As(err, &e) {
				t.Fatalf("Detect = %+v, %v; want a *jalin.Error", f, err)
			}
			if e.Code != jalin.EInvalid || e.Field != "file" || e.Msg != c.msg {
				t.Fatalf("Detect: %v; want invalid %s", err, c.msg)
			}
			if c.seen != "" && (len(e.Args) != 1 || e.Args[0] != c.seen) {
				t.Fatalf("Detect: args %v, want %q", e.Args, c.seen)
			}
		})
	}
}

func manyEntries(tb testing.TB, n int) []byte {
	parts := make([]part, n)
	for i := range parts {
		parts[i] = part{name: "f" + strconv.Itoa(i)}
	}
	return makeZip(tb, parts...)
}

// failingReader fails after the first kilobyte, like a disk or a network
// file system would.
type failingReader struct{ r io.ReaderAt }

func (f failingReader) ReadAt(p []byte, off int64) (int, error) {
	if off > 1024 {
		return 0, errors.New("i/o error")
	}
	return f.r.ReadAt(p, off)
}

func TestDetectReadErrorIsInternal(t *testing.T) {
	d := minimalPDF(5000)
	_, err := Detect(failingReader{bytes.NewReader(d)}, int64(len(d)))
	if jalin.ErrorCode(err) != jalin.EInternal {
		t.Fatalf("Detect on a failing reader: %v, want internal", err)
	}
}

func TestReadLimited(t *testing.T) {
	b, err := ReadLimited(strings.NewReader("abc"), 3)
	if err != nil || string(b) != "abc" {
		t.Fatalf("at the limit: %q, %v", b, err)
	}
	r := &countingReader{r: strings.NewReader(strings.Repeat("x", 10<<20))}
	_, err = ReadLimited(r, 3<<20)
	var e *jalin.Error
	if !errors.As(err, &e) || e.Code != jalin.ETooLarge || e.Msg != MsgTooLarge || e.Args[0] != int64(3) {
		t.Fatalf("over the limit: %v", err)
	}
	if r.n != 3<<20+1 {
		t.Fatalf("read %d bytes, want limit+1", r.n)
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func FuzzDetect(f *testing.F) {
	for _, seed := range [][]byte{minimalPDF(0), docx(f), xlsx(f), odf(f, mimeODT, zip.Store),
		ole2(nil, "WordDocument"), docx(f, part{name: "word/vbaProject.bin", body: "x"}),
		[]byte("#!/bin/sh"), []byte("MZ")} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		fm, err := detectBytes(data)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("Detect took %v", d)
		}
		if err == nil {
			if fm.Kind == "" || fm.MIME == "" {
				t.Fatalf("accepted with an empty format: %+v", fm)
			}
			return
		}
		if c := jalin.ErrorCode(err); c != jalin.EInvalid {
			t.Fatalf("Detect: %v, want invalid", err)
		}
	})
}

func BenchmarkDetect(b *testing.B) {
	pdf := minimalPDF(10 << 20)
	doc := docx(b, part{name: "word/media/image1.png", body: strings.Repeat("p", 2<<20), method: zip.Deflate})
	for _, c := range []struct {
		name string
		data []byte
	}{{"pdf-10MB", pdf}, {"docx", doc}} {
		b.Run(c.name, func(b *testing.B) {
			r := bytes.NewReader(c.data)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Detect(r, int64(len(c.data))); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
