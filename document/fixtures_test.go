package document

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"testing"
	"unicode/utf16"
)

// The fixtures are built here rather than committed: each shows in a few
// lines what makes it accepted or refused.

func minimalPDF(pad int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	b.WriteString("1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n")
	b.WriteString("2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n")
	b.WriteString("3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\n")
	if pad > 0 {
		fmt.Fprintf(&b, "4 0 obj <</Length %d>> stream\n", pad)
		b.Write(bytes.Repeat([]byte{0xa5}, pad))
		b.WriteString("\nendstream endobj\n")
	}
	b.WriteString("xref\n0 4\n0000000000 65535 f \ntrailer <</Size 4/Root 1 0 R>>\nstartxref\n0\n%%EOF\n")
	return b.Bytes()
}

type part struct {
	name   string
	body   string
	method uint16
	size   uint64 // declared uncompressed size when nonzero: a forged header
}

func makeZip(tb testing.TB, parts ...part) []byte {
	tb.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, p := range parts {
		h := &zip.FileHeader{Name: p.name, Method: p.method}
		if p.size != 0 {
			// CreateRaw keeps the header as given: a small body that claims
			// to unpack to p.size bytes.
			h.UncompressedSize64 = p.size
			h.CompressedSize64 = uint64(len(p.body))
			fw, err := w.CreateRaw(h)
			if err != nil {
				tb.Fatal(err)
			}
			fw.Write([]byte(p.body))
			continue
		}
		fw, err := w.CreateHeader(h)
		if err != nil {
			tb.Fatal(err)
		}
		fw.Write([]byte(p.body))
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

const ctHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
`

func contentTypes(main, ctype string, extra ...string) string {
	s := ctHead + `<Override PartName="/` + main + `" ContentType="` + ctype + `"/>` + "\n"
	for _, e := range extra {
		s += e + "\n"
	}
	return s + "</Types>"
}

const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`

func ooxml(tb testing.TB, main, ctype string, extra ...part) []byte {
	parts := []part{
		{name: "[Content_Types].xml", body: contentTypes(main, ctype), method: zip.Deflate},
		{name: "_rels/.rels", body: rels, method: zip.Deflate},
		{name: main, body: "<x/>", method: zip.Deflate},
	}
	return makeZip(tb, append(parts, extra...)...)
}

func docx(tb testing.TB, extra ...part) []byte {
	return ooxml(tb, "word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", extra...)
}

func xlsx(tb testing.TB) []byte {
	return ooxml(tb, "xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
}

func pptx(tb testing.TB) []byte {
	return ooxml(tb, "ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")
}

func odf(tb testing.TB, mimetype string, method uint16, extra ...part) []byte {
	parts := []part{
		{name: "mimetype", body: mimetype, method: method},
		{name: "content.xml", body: "<office:document-content/>", method: zip.Deflate},
		{name: "META-INF/manifest.xml", body: "<manifest:manifest/>", method: zip.Deflate},
	}
	return makeZip(tb, append(parts, extra...)...)
}

// ole2 builds a version 3 compound file: header, one FAT sector (0) and one
// directory sector (1) holding the root and the given streams.
func ole2(rootCLSID []byte, streams ...string) []byte {
	le := binary.LittleEndian
	f := make([]byte, 512*3)
	h := f[:512]
	copy(h, ole2Magic)
	le.PutUint16(h[24:], 0x3e)
	le.PutUint16(h[26:], 3)
	le.PutUint16(h[28:], 0xfffe)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], 1)          // FAT sectors
	le.PutUint32(h[48:], 1)          // first directory sector
	le.PutUint32(h[56:], 4096)       // mini stream cutoff
	le.PutUint32(h[60:], 0xfffffffe) // no mini FAT
	le.PutUint32(h[68:], 0xfffffffe) // no DIFAT sectors
	for i := range 109 {
		le.PutUint32(h[76+4*i:], 0xffffffff)
	}
	le.PutUint32(h[76:], 0) // the FAT is sector 0
	fat := f[512:1024]
	for i := range 128 {
		le.PutUint32(fat[4*i:], 0xffffffff)
	}
	le.PutUint32(fat[0:], 0xfffffffd) // sector 0: FAT
	le.PutUint32(fat[4:], 0xfffffffe) // sector 1: directory, end of chain
	dir := f[1024:]
	entry := func(i int, name string, typ byte) []byte {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66] = typ
		return e
	}
	root := entry(0, "Root Entry", 5)
	copy(root[80:], rootCLSID)
	for i, s := range streams {
		entry(i+1, s, 2)
	}
	return f
}
