package document

import (
	"archive/zip"
	"bufio"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strings"
)

// Limits on a ZIP container. A real KAK or PKS has a few dozen parts and
// compresses text perhaps 10×; these leave wide room while refusing archives
// built to exhaust whoever unpacks them later (previews, indexing).
const (
	maxZipEntries = 10_000
	maxZipRatio   = 100       // total uncompressed / file size ...
	maxZipTotal   = 500 << 20 // ... refused when both are exceeded
	maxXMLPart    = 1 << 20   // [Content_Types].xml is a few KB
)

const seenZipBomb = "zip-bomb"

// officeMain maps the content type of an OOXML main part to its format.
var officeMain = map[string]Format{
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": {Kind: KindDOCX, Ext: "docx",
		MIME: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	"application/vnd.ms-word.document.macroenabled.main+xml": {Kind: KindDOCX, Ext: "docm", HasMacros: true,
		MIME: "application/vnd.ms-word.document.macroEnabled.12"},
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": {Kind: KindXLSX, Ext: "xlsx",
		MIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	"application/vnd.ms-excel.sheet.macroenabled.main+xml": {Kind: KindXLSX, Ext: "xlsm", HasMacros: true,
		MIME: "application/vnd.ms-excel.sheet.macroEnabled.12"},
	"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": {Kind: KindPPTX, Ext: "pptx",
		MIME: "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
	"application/vnd.ms-powerpoint.presentation.macroenabled.main+xml": {Kind: KindPPTX, Ext: "pptm", HasMacros: true,
		MIME: "application/vnd.ms-powerpoint.presentation.macroEnabled.12"},
}

// openDocument maps the content of an ODF "mimetype" entry to its format.
var openDocument = map[string]Format{
	"application/vnd.oasis.opendocument.text":         {Kind: KindODT, Ext: "odt", MIME: "application/vnd.oasis.opendocument.text"},
	"application/vnd.oasis.opendocument.spreadsheet":  {Kind: KindODS, Ext: "ods", MIME: "application/vnd.oasis.opendocument.spreadsheet"},
	"application/vnd.oasis.opendocument.presentation": {Kind: KindODP, Ext: "odp", MIME: "application/vnd.oasis.opendocument.presentation"},
}

// executableExts are refused anywhere inside a container: no office
// document needs them, and a reader may be tricked into running them.
var executableExts = []string{".exe", ".dll", ".scr", ".com", ".bat", ".cmd", ".ps1",
	".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".hta", ".msi", ".msp", ".jar",
	".sh", ".lnk", ".cpl", ".pif", ".reg", ".apk"}

func detectZip(r io.ReaderAt, size int64) (Format, error) {
	// Count the directory ourselves first: archive/zip would otherwise
	// allocate one File for every header an attacker packs in.
	if err := checkDirectory(r, size); err != nil {
		return Format{}, err
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return Format{}, corrupt(err)
	}
	if len(zr.File) > maxZipEntries {
		return Format{}, refused(seenZipBomb)
	}
	files := make(map[string]*zip.File, len(zr.File)) // by lower-case name: OPC names ignore case
	var total uint64
	macros := false
	for _, f := range zr.File {
		if !safeName(f.Name) {
			return Format{}, corrupt(fmt.Errorf("zip: unsafe entry name %q", f.Name))
		}
		name := strings.ToLower(f.Name)
		if _, dup := files[name]; dup {
			return Format{}, corrupt(fmt.Errorf("zip: duplicate entry %q", f.Name))
		}
		files[name] = f
		for _, ext := range executableExts {
			if strings.HasSuffix(name, ext) {
				return Format{}, refused(seenExecutable)
			}
		}
		macros = macros || path.Base(name) == "vbaproject.bin" ||
			strings.HasPrefix(name, "xl/macrosheets/") || // Excel 4.0 macros need no VBA
			strings.HasPrefix(name, "basic/") || strings.HasPrefix(name, "scripts/") // ODF
		total = satAdd(total, f.UncompressedSize64)
	}
	if total > maxZipTotal && total/maxZipRatio > uint64(size) {
		return Format{}, refused(seenZipBomb)
	}

	var fm Format
	if mt, ok := files["mimetype"]; ok && mt.Method == zip.Store && firstEntry(r, mt) {
		fm, err = detectODF(mt, files)
	} else if ct, ok := files["[content_types].xml"]; ok {
		fm, err = detectOOXML(ct, files)
	} else {
		return Format{}, refused(seenZip)
	}
	fm.HasMacros = fm.HasMacros || macros
	return fm, err
}

func detectODF(mt *zip.File, files map[string]*zip.File) (Format, error) {
	b, err := readPart(mt, 128)
	if err != nil {
		return Format{}, err
	}
	fm, ok := openDocument[string(b)]
	if !ok {
		return Format{}, refused(seenZip) // EPUB, ODF drawings or templates...
	}
	if files["content.xml"] == nil {
		return Format{}, corrupt(errors.New("odf: no content.xml"))
	}
	return fm, nil
}

func detectOOXML(ct *zip.File, files map[string]*zip.File) (Format, error) {
	b, err := readPart(ct, maxXMLPart)
	if err != nil {
		return Format{}, err
	}
	var types struct {
		Defaults []struct {
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName    string `xml:"PartName,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(b, &types); err != nil {
		return Format{}, corrupt(fmt.Errorf("ooxml: [Content_Types].xml: %w", err))
	}
	var fm Format
	macros := false
	for _, d := range types.Defaults {
		macros = macros || macroType(d.ContentType)
	}
	for _, o := range types.Overrides {
		ctype := strings.ToLower(strings.TrimSpace(o.ContentType))
		macros = macros || macroType(ctype)
		main, ok := officeMain[ctype]
		if !ok {
			continue
		}
		// The main part, wherever it is declared (usually word/document.xml,
		// xl/workbook.xml or ppt/presentation.xml), must be in the archive.
		if files[strings.ToLower(strings.TrimPrefix(o.PartName, "/"))] == nil {
			return Format{}, corrupt(fmt.Errorf("ooxml: main part %q missing", o.PartName))
		}
		if fm.Kind != "" && fm != main {
			return Format{}, corrupt(errors.New("ooxml: several main parts"))
		}
		fm = main
	}
	if fm.Kind == "" {
		return Format{}, refused(seenZip) // templates, Visio, binary workbooks...
	}
	fm.HasMacros = fm.HasMacros || macros
	return fm, nil
}

func macroType(ctype string) bool {
	ctype = strings.ToLower(ctype)
	return strings.Contains(ctype, "vbaproject") || strings.Contains(ctype, "macrosheet")
}

// readPart reads a small entry whole, refusing it if it holds more than max
// bytes whatever its header declares.
func readPart(f *zip.File, max int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, corrupt(fmt.Errorf("zip: %s: %w", f.Name, err))
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, corrupt(fmt.Errorf("zip: %s: %w", f.Name, err))
	}
	if int64(len(b)) > max {
		return nil, corrupt(fmt.Errorf("zip: %s over %d bytes", f.Name, max))
	}
	return b, nil
}

// firstEntry reports whether f is the entry stored at the start of the
// archive, as ODF requires of "mimetype" so that its type shows at offset 38.
func firstEntry(r io.ReaderAt, f *zip.File) bool {
	var h [30 + 8]byte
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return false
	}
	if string(h[30:]) != "mimetype" || binary.LittleEndian.Uint16(h[26:]) != 8 {
		return false
	}
	off, err := f.DataOffset()
	return err == nil && off == int64(len(h))+int64(binary.LittleEndian.Uint16(h[28:]))
}

// safeName refuses names that would escape a directory if someone unpacked
// the archive, and names that Windows and Unix read differently.
func safeName(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00") {
		return false
	}
	for seg := range strings.SplitSeq(name, "/") {
		if seg == ".." {
			return false
		}
	}
	return true
}

func satAdd(a, b uint64) uint64 {
	if a > math.MaxUint64-b {
		return math.MaxUint64
	}
	return a + b
}

// checkDirectory finds the end of central directory record where
// archive/zip will (the last signature in the last 65 KiB) and counts the
// directory headers from where archive/zip will start reading them, refusing
// more than maxZipEntries. It also refuses bytes before the first entry or
// after the archive comment, which serve only polyglots.
func checkDirectory(r io.ReaderAt, size int64) error {
	n := min(size, 65*1024)
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, size-n); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	p := -1
	for i := len(buf) - 22; i >= 0; i-- {
		if string(buf[i:i+4]) == "PK\x05\x06" {
			p = i
			break
		}
	}
	if p < 0 {
		return corrupt(errors.New("zip: no end of central directory"))
	}
	end := buf[p:]
	if p+22+int(binary.LittleEndian.Uint16(end[20:])) != len(buf) {
		return corrupt(errors.New("zip: data after the archive"))
	}
	endOff := size - n + int64(p)
	count := uint64(binary.LittleEndian.Uint16(end[10:]))
	dirSize := uint64(binary.LittleEndian.Uint32(end[12:]))
	dirOff := uint64(binary.LittleEndian.Uint32(end[16:]))
	if count == 0xffff || dirSize == 0xffff || dirOff == 0xffffffff {
		// Zip64, as archive/zip reads it: a locator just before the record.
		var loc [20]byte
		if endOff >= 20 {
			if _, err := r.ReadAt(loc[:], endOff-20); err != nil {
				return corrupt(err)
			}
		}
		if string(loc[:4]) == "PK\x06\x07" && binary.LittleEndian.Uint32(loc[4:]) == 0 &&
			binary.LittleEndian.Uint32(loc[16:]) == 1 {
			end64 := binary.LittleEndian.Uint64(loc[8:])
			var rec [56]byte
			if end64 > uint64(size) {
				return corrupt(errors.New("zip64: end record out of the file"))
			}
			if _, err := r.ReadAt(rec[:], int64(end64)); err != nil || string(rec[:4]) != "PK\x06\x06" {
				return corrupt(errors.New("zip64: bad end record"))
			}
			endOff = int64(end64)
			count = binary.LittleEndian.Uint64(rec[32:])
			dirSize = binary.LittleEndian.Uint64(rec[40:])
			dirOff = binary.LittleEndian.Uint64(rec[48:])
		}
	}
	// With the directory ending right at the end record, archive/zip's base
	// offset is 0 and it starts reading at dirOff, as we do.
	if dirSize > uint64(endOff) || dirOff != uint64(endOff)-dirSize {
		return corrupt(errors.New("zip: directory not where the end record says"))
	}
	if count > maxZipEntries {
		return refused(seenZipBomb)
	}
	br := bufio.NewReader(io.NewSectionReader(r, int64(dirOff), size-int64(dirOff)))
	var h [46]byte
	for seen := 0; ; seen++ {
		if _, err := io.ReadFull(br, h[:]); err != nil || string(h[:4]) != "PK\x01\x02" {
			return nil
		}
		if seen >= maxZipEntries {
			return refused(seenZipBomb)
		}
		skip := int(binary.LittleEndian.Uint16(h[28:])) + int(binary.LittleEndian.Uint16(h[30:])) +
			int(binary.LittleEndian.Uint16(h[32:]))
		if _, err := br.Discard(skip); err != nil {
			return nil
		}
	}
}
