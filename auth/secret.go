package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"
)

// Every secret is 32 random bytes: 256 bits, beyond guessing. The raw value
// goes to the user (cookie, form, token); the store keeps only its SHA-256,
// which is safe because the input has full entropy (no salt or slow hash
// needed), so a stolen database cannot be replayed.
const (
	secretBytes = 32
	secretLen   = 43 // base64url without padding of 32 bytes
	// TokenPrefix marks API tokens so that secret scanners and people
	// recognise a leaked one.
	TokenPrefix = "jalin_"
)

var b64url = base64.RawURLEncoding.Strict()

func newSecret() (raw string, hash []byte) {
	var b [secretBytes]byte
	rand.Read(b[:]) // never fails since Go 1.24
	h := sha256.Sum256(b[:])
	return b64url.EncodeToString(b[:]), h[:]
}

// parseSecret accepts exactly secretLen canonical base64url characters and
// returns the hash of the decoded bytes.
func parseSecret(s string) (hash []byte, ok bool) {
	if len(s) != secretLen {
		return nil, false
	}
	b, err := b64url.DecodeString(s)
	if err != nil || len(b) != secretBytes {
		return nil, false
	}
	h := sha256.Sum256(b)
	return h[:], true
}

// NewSessionID returns a new session ID for the cookie and the hash to
// store.
func NewSessionID() (raw string, hash []byte) { return newSecret() }

// ParseSessionID checks a cookie value and returns the hash to look up.
// Anything but exactly 43 base64url characters is rejected before the
// database is asked.
func ParseSessionID(cookieValue string) (hash []byte, ok bool) { return parseSecret(cookieValue) }

// NewCSRFToken returns a token to keep with the session and embed in forms.
func NewCSRFToken() string {
	raw, _ := newSecret()
	return raw
}

// EqualCSRF compares the token a form sent with the session's in constant
// time. An empty token never matches, so a session without one fails closed.
func EqualCSRF(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// NewToken returns a new API token, "jalin_" and 43 base64url characters,
// and the hash to store. The token is shown to its owner once.
func NewToken() (raw string, hash []byte) {
	raw, hash = newSecret()
	return TokenPrefix + raw, hash
}

// ParseToken checks an API token's form and returns the hash to look up.
func ParseToken(s string) (hash []byte, ok bool) {
	rest, ok := strings.CutPrefix(s, TokenPrefix)
	if !ok {
		return nil, false
	}
	return parseSecret(rest)
}

// ParseBearer extracts the credentials of an Authorization header of the
// form "Bearer <token>" (RFC 6750): the scheme in any case, exactly one
// space, and one token68 (letters, digits, -._~+/ then optional '='s).
func ParseBearer(authorizationHeader string) (token string, ok bool) {
	scheme, token, found := strings.Cut(authorizationHeader, " ")
	if !found || !strings.EqualFold(scheme, "Bearer") || !isToken68(token) {
		return "", false
	}
	return token, true
}

func isToken68(s string) bool {
	body := strings.TrimRight(s, "=")
	if body == "" {
		return false
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/':
		default:
			return false
		}
	}
	return true
}
