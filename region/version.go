package region

import (
	"crypto/sha256"
	"encoding/hex"
)

// Source names the data the embedded reference was generated from.
const Source = "idn-area-data 4.0.1"

// Version identifies the embedded reference: its source and a hash of its
// content, so that a database loaded from another build is reloaded.
func Version() string {
	sum := sha256.Sum256(regionsGz)
	return Source + "+" + hex.EncodeToString(sum[:6])
}
