// Package auth holds the security primitives of signing in: password
// hashing and policy, opaque session IDs, CSRF and API tokens, and the login
// throttling policy. It keeps no state and does no I/O beyond reading
// crypto/rand; stores keep hashes and failure counts, adapters set cookies.
// Only hashes of secrets are ever stored: a leaked database gives no way in.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id cost parameters. The encoded hash records them,
// so raising them later only makes VerifyPassword report needsRehash for old
// hashes.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams follow the OWASP Password Storage Cheat Sheet's argon2id
// baseline (19 MiB, 2 passes, 1 lane): about 20–40 ms per hash on a server
// core, little enough to run on a small Pemda machine.
func DefaultParams() Params {
	return Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// CheapParams hash in microseconds, for tests and fixtures only. A hash
// made with them is reported as needing a rehash by DefaultParams.
func CheapParams() Params {
	return Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// Limits on what an encoded hash may ask for, so that a corrupt or planted
// row cannot make one login allocate gigabytes or spin for minutes, and a
// truncated key cannot be guessed.
const (
	maxMemory  = 256 << 10 // KiB: 256 MiB
	maxTime    = 16
	maxThreads = 16
	minSalt    = 8
	maxSalt    = 64
	minKey     = 16
	maxKey     = 64
)

var b64 = base64.RawStdEncoding.Strict()

// HashPassword hashes pw with DefaultParams.
func HashPassword(pw string) (string, error) { return DefaultParams().Hash(pw) }

// VerifyPassword checks pw against an encoded hash; needsRehash says the
// hash was made with other parameters than DefaultParams, so the caller
// should store a fresh HashPassword(pw) now that it knows pw.
func VerifyPassword(encoded, pw string) (ok, needsRehash bool, err error) {
	return DefaultParams().Verify(encoded, pw)
}

// Hash returns pw hashed with p in the PHC string format
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key> (unpadded standard base64).
func (p Params) Hash(pw string) (string, error) {
	if err := p.check(); err != nil {
		return "", err
	}
	salt := make([]byte, p.SaltLen)
	rand.Read(salt) // never fails since Go 1.24
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify checks pw against encoded in constant time. It returns an error
// only for a hash it cannot read (then ok is false); needsRehash is true when
// pw matched and the hash's parameters differ from p.
func (p Params) Verify(encoded, pw string) (ok, needsRehash bool, err error) {
	hp, salt, key, err := decode(encoded)
	if err != nil {
		return false, false, err
	}
	got := argon2.IDKey([]byte(pw), salt, hp.Time, hp.Memory, hp.Threads, uint32(len(key)))
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return false, false, nil
	}
	return true, hp != p, nil
}

func (p Params) check() error {
	if p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory || p.Time < 1 || p.Time > maxTime ||
		p.Threads < 1 || p.Threads > maxThreads || p.SaltLen < minSalt || p.SaltLen > maxSalt ||
		p.KeyLen < minKey || p.KeyLen > maxKey {
		return fmt.Errorf("auth: argon2id parameters out of range: %+v", p)
	}
	return nil
}

var errMalformed = errors.New("auth: malformed argon2id hash")

// decode parses a PHC argon2id string strictly: the fields in order,
// canonical decimal numbers, canonical unpadded base64, parameters in range.
func decode(s string) (p Params, salt, key []byte, err error) {
	f := strings.Split(s, "$")
	if len(f) != 6 || f[0] != "" || f[1] != "argon2id" || f[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, errMalformed
	}
	m, rest, ok1 := param(f[3], "m=")
	t, rest, ok2 := param(rest, ",t=")
	th, rest, ok3 := param(rest, ",p=")
	if !ok1 || !ok2 || !ok3 || rest != "" || th > 255 {
		return p, nil, nil, errMalformed
	}
	salt, err1 := b64.DecodeString(f[4])
	key, err2 := b64.DecodeString(f[5])
	if err1 != nil || err2 != nil {
		return p, nil, nil, errMalformed
	}
	p = Params{Memory: m, Time: t, Threads: uint8(th), SaltLen: uint32(len(salt)), KeyLen: uint32(len(key))}
	if err := p.check(); err != nil {
		return Params{}, nil, nil, errMalformed
	}
	return p, salt, key, nil
}

// param reads name followed by a canonical decimal uint32 (no sign, no
// leading zero) from the start of s.
func param(s, name string) (v uint32, rest string, ok bool) {
	s, ok = strings.CutPrefix(s, name)
	if !ok {
		return 0, "", false
	}
	n := 0
	for n < len(s) && n < 11 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || (n > 1 && s[0] == '0') {
		return 0, "", false
	}
	u, err := strconv.ParseUint(s[:n], 10, 32)
	if err != nil {
		return 0, "", false
	}
	return uint32(u), s[n:], true
}
