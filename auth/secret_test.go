package auth

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
)

var (
	secretRE = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)
	tokenRE  = regexp.MustCompile(`^jalin_[A-Za-z0-9_-]{43}$`)
)

func TestSessionID(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		raw, hash := NewSessionID()
		if !secretRE.MatchString(raw) || seen[raw] {
			t.Fatalf("session ID %q: bad form or repeated", raw)
		}
		seen[raw] = true
		b, _ := base64.RawURLEncoding.DecodeString(raw)
		if want := sha256.Sum256(b); !bytes.Equal(hash, want[:]) {
			t.Fatal("hash is not SHA-256 of the raw bytes")
		}
		got, ok := ParseSessionID(raw)
		if !ok || !bytes.Equal(got, hash) {
			t.Fatalf("ParseSessionID(NewSessionID()) = %x, %v", got, ok)
		}
		if _, ok := ParseToken(raw); ok {
			t.Fatal("a session ID parsed as an API token")
		}
	}
}

func TestToken(t *testing.T) {
	raw, hash := NewToken()
	if !tokenRE.MatchString(raw) {
		t.Fatalf("token %q", raw)
	}
	got, ok := ParseToken(raw)
	if !ok || !bytes.Equal(got, hash) {
		t.Fatalf("ParseToken(NewToken()) = %x, %v", got, ok)
	}
	if _, ok := ParseSessionID(raw); ok {
		t.Error("an API token parsed as a session ID")
	}
}

func TestParseRejects(t *testing.T) {
	raw, _ := NewSessionID()
	// The last of 43 characters carries 2 unused bits: "A" has them zero,
	// "B" does not, so "…B" is a second spelling of some "…A" ID.
	canonical := raw[:42] + "A"
	noncanonical := raw[:42] + "B"
	if _, ok := ParseSessionID(canonical); !ok {
		t.Fatal("canonical ID rejected")
	}
	for _, s := range []string{
		"",
		raw[:42],
		raw + "A",
		raw[:42] + "=",
		raw[:42] + "+",
		raw[:42] + "/",
		raw[:42] + " ",
		" " + raw[1:],
		raw[:20] + "." + raw[21:],
		noncanonical,
		strings.Repeat("é", 21) + "A",
	} {
		if _, ok := ParseSessionID(s); ok {
			t.Errorf("ParseSessionID(%q) accepted", s)
		}
		if _, ok := ParseToken(TokenPrefix + s); ok {
			t.Errorf("ParseToken(jalin_%q) accepted", s)
		}
	}
	for _, s := range []string{raw, "Jalin_" + raw, "jalin-" + raw, "jalin_" + raw + "\n", "xjalin_" + raw, "jalin_" + raw[1:], "jalin_jalin_" + raw} {
		if _, ok := ParseToken(s); ok {
			t.Errorf("ParseToken(%q) accepted", s)
		}
	}
}

func TestCSRF(t *testing.T) {
	a, b := NewCSRFToken(), NewCSRFToken()
	if !secretRE.MatchString(a) || a == b {
		t.Fatalf("CSRF tokens %q, %q", a, b)
	}
	for _, c := range []struct {
		x, y string
		want bool
	}{
		{a, a, true},
		{a, b, false},
		{a, a[:42], false},
		{"", "", false},
		{a, "", false},
		{"", a, false},
	} {
		if got := EqualCSRF(c.x, c.y); got != c.want {
			t.Errorf("EqualCSRF(%q, %q) = %v", c.x, c.y, got)
		}
	}
}

func TestParseBearer(t *testing.T) {
	tok, _ := NewToken()
	for _, c := range []struct {
		h, want string
		ok      bool
	}{
		{"Bearer " + tok, tok, true},
		{"bearer " + tok, tok, true},
		{"BEARER " + tok, tok, true},
		{"Bearer abc+/.~-_==", "abc+/.~-_==", true},
		{"Bearer  " + tok, "", false},
		{"Bearer\t" + tok, "", false},
		{"Bearer " + tok + " ", "", false},
		{"Bearer " + tok + " extra", "", false},
		{" Bearer " + tok, "", false},
		{"Bearer", "", false},
		{"Bearer ", "", false},
		{"Bearer ===", "", false},
		{"Bearer a=b", "", false},
		{"Basic dXNlcjpwYXNz", "", false},
		{"Bearertoken " + tok, "", false},
		{"Bearer " + tok + "\n", "", false},
		{"", "", false},
	} {
		got, ok := ParseBearer(c.h)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseBearer(%q) = %q, %v; want %q, %v", c.h, got, ok, c.want, c.ok)
		}
	}
}
