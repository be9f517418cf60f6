package document

import (
	"encoding/binary"
	"errors"
	"io"
	"unicode/utf16"
)

// ole2Magic starts every compound file: legacy Office, but also Windows
// Installer packages, Outlook messages and thumbnail caches.
var ole2Magic = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

// The sector numbers with a meaning of their own.
const (
	oleEndOfChain = 0xfffffffe
	oleMaxRegular = 0xfffffffa
)

// maxOLEDirSectors bounds the walk of the directory chain. A .doc has a
// handful of directory sectors; a loop in a forged chain stops here.
const maxOLEDirSectors = 4096

// msiCLSID is the class of a Windows Installer package's root storage
// (000C1084-0000-0000-C000-000000000046), an executable in a compound file.
var msiCLSID = []byte{0x84, 0x10, 0x0c, 0x00, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46}

// detectOLE2 reads the directory of a compound file and accepts it only if
// it holds the main stream of Word, Excel or PowerPoint: the signature alone
// would let installers (.msi) through.
func detectOLE2(r io.ReaderAt, size int64) (Format, error) {
	names, rootCLSID, err := oleDirectory(r, size)
	if err != nil {
		return Format{}, corrupt(err)
	}
	if string(rootCLSID) == string(msiCLSID) {
		return Format{}, refused(seenExecutable)
	}
	fm := Format{Kind: KindOLE2}
	switch {
	case names["WordDocument"]:
		fm.Ext, fm.MIME = "doc", "application/msword"
	case names["Workbook"] || names["Book"]:
		fm.Ext, fm.MIME = "xls", "application/vnd.ms-excel"
	case names["PowerPoint Document"]:
		fm.Ext, fm.MIME = "ppt", "application/vnd.ms-powerpoint"
	default:
		// Includes password-protected OOXML ("EncryptedPackage"), which
		// nothing on the server could open or check.
		return Format{}, refused(seenUnknown)
	}
	// Word keeps VBA in "Macros", Excel in "_VBA_PROJECT_CUR"; PowerPoint
	// hides it inside its main stream, where we do not look.
	fm.HasMacros = names["Macros"] || names["_VBA_PROJECT_CUR"] || names["VBA"]
	return fm, nil
}

// oleDirectory returns the names of the storages and streams of a compound
// file and the class of its root.
func oleDirectory(r io.ReaderAt, size int64) (map[string]bool, []byte, error) {
	var h [512]byte
	if size < int64(len(h)) {
		return nil, nil, errors.New("ole2: shorter than its header")
	}
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return nil, nil, err
	}
	le := binary.LittleEndian
	shift := le.Uint16(h[30:])
	if le.Uint16(h[28:]) != 0xfffe || (shift != 9 && shift != 12) {
		return nil, nil, errors.New("ole2: bad byte order or sector size")
	}
	secSize := int64(1) << shift
	sector := func(n uint32) int64 { return (int64(n) + 1) * secSize }
	perSector := uint32(secSize / 4)

	// The FAT sector list starts in the header (109 entries) and goes on
	// in a chain of DIFAT sectors; read it only as far as we need.
	fatSectors := make([]uint32, 0, 109)
	for i := range 109 {
		fatSectors = append(fatSectors, le.Uint32(h[76+4*i:]))
	}
	nextDIFAT, difatLeft := le.Uint32(h[68:]), le.Uint32(h[72:])
	fatEntry := func(n uint32) (uint32, error) {
		idx := n / perSector
		for uint32(len(fatSectors)) <= idx && nextDIFAT <= oleMaxRegular && difatLeft > 0 {
			buf := make([]byte, secSize)
			if _, err := r.ReadAt(buf, sector(nextDIFAT)); err != nil {
				return 0, err
			}
			for i := range perSector - 1 {
				fatSectors = append(fatSectors, le.Uint32(buf[4*i:]))
			}
			nextDIFAT = le.Uint32(buf[secSize-4:])
			difatLeft--
		}
		if idx >= uint32(len(fatSectors)) || fatSectors[idx] > oleMaxRegular {
			return 0, errors.New("ole2: sector outside the FAT")
		}
		var e [4]byte
		if _, err := r.ReadAt(e[:], sector(fatSectors[idx])+4*int64(n%perSector)); err != nil {
			return 0, err
		}
		return le.Uint32(e[:]), nil
	}

	names := make(map[string]bool)
	var root []byte
	buf := make([]byte, secSize)
	n := le.Uint32(h[48:])
	for walked := 0; n != oleEndOfChain; walked++ {
		if n > oleMaxRegular || walked >= maxOLEDirSectors || sector(n)+secSize > size {
			return nil, nil, errors.New("ole2: broken directory chain")
		}
		if _, err := r.ReadAt(buf, sector(n)); err != nil {
			return nil, nil, err
		}
		for e := buf; len(e) >= 128; e = e[128:] {
			typ, nameLen := e[66], int(le.Uint16(e[64:]))
			if typ == 0 || nameLen < 2 || nameLen > 64 {
				continue // unused entry
			}
			u := make([]uint16, nameLen/2-1)
			for i := range u {
				u[i] = le.Uint16(e[2*i:])
			}
			names[string(utf16.Decode(u))] = true
			if typ == 5 && root == nil {
				root = append([]byte(nil), e[80:96]...)
			}
		}
		next, err := fatEntry(n)
		if err != nil {
			return nil, nil, err
		}
		n = next
	}
	if root == nil {
		return nil, nil, errors.New("ole2: no root entry")
	}
	return names, root, nil
}
