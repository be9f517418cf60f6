package auth

import (
	"bytes"
	"strings"
	"testing"
)

func FuzzParseToken(f *testing.F) {
	raw, _ := NewToken()
	f.Add(raw)
	f.Add("jalin_")
	f.Add(strings.ToUpper(raw))
	f.Fuzz(func(t *testing.T, s string) {
		hash, ok := ParseToken(s)
		if ok && (len(hash) != 32 || len(s) != len(TokenPrefix)+secretLen) {
			t.Fatalf("ParseToken(%q) accepted with %d-byte hash", s, len(hash))
		}
		raw, want := NewToken()
		if got, ok := ParseToken(raw); !ok || !bytes.Equal(got, want) {
			t.Fatalf("round trip of %q failed", raw)
		}
	})
}

func FuzzParseSessionID(f *testing.F) {
	raw, _ := NewSessionID()
	f.Add(raw)
	f.Add(raw[:42] + "B")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		hash, ok := ParseSessionID(s)
		if ok {
			// Accepted IDs are canonical: re-encoding gives the same text.
			if len(hash) != 32 || !secretRE.MatchString(s) {
				t.Fatalf("ParseSessionID(%q) accepted", s)
			}
			b, err := b64url.DecodeString(s)
			if err != nil || b64url.EncodeToString(b) != s {
				t.Fatalf("ParseSessionID(%q) accepted a non-canonical ID", s)
			}
		}
		raw, want := NewSessionID()
		if got, ok := ParseSessionID(raw); !ok || !bytes.Equal(got, want) {
			t.Fatalf("round trip of %q failed", raw)
		}
	})
}

func FuzzParseBearer(f *testing.F) {
	tok, _ := NewToken()
	f.Add("Bearer " + tok)
	f.Add("bearer  x")
	f.Add("Basic abc=")
	f.Fuzz(func(t *testing.T, h string) {
		tok, ok := ParseBearer(h)
		if ok {
			if tok == "" || strings.ContainsAny(tok, " \t\r\n") || !strings.EqualFold(h, "Bearer "+tok) {
				t.Fatalf("ParseBearer(%q) = %q", h, tok)
			}
		}
		// Whatever the token, a well-formed header gives it back.
		if isToken68(h) {
			if got, ok := ParseBearer("bEaReR " + h); !ok || got != h {
				t.Fatalf("ParseBearer(bEaReR %q) = %q, %v", h, got, ok)
			}
		}
	})
}

func FuzzVerifyPassword(f *testing.F) {
	p := CheapParams()
	enc, _ := p.Hash("correct horse")
	f.Add(enc, "correct horse")
	f.Add(enc, "")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5", "x")
	f.Fuzz(func(t *testing.T, encoded, pw string) {
		// Keep each run cheap: expensive but well-formed parameters are
		// only parsed here; TestVerifyTampered covers their refusal.
		if hp, _, _, err := decode(encoded); err == nil && (hp.Memory > 1024 || hp.Time > 2 || hp.Threads > 2) {
			return
		}
		ok, rehash, err := p.Verify(encoded, pw)
		if err != nil && (ok || rehash) {
			t.Fatalf("Verify(%q) = %v, %v, %v", encoded, ok, rehash, err)
		}
		if !ok && rehash {
			t.Fatal("needsRehash without a match")
		}
		if len(pw) <= MaxPasswordBytes {
			mine, err := p.Hash(pw)
			if err != nil {
				t.Fatal(err)
			}
			if ok, rehash, err := p.Verify(mine, pw); !ok || rehash || err != nil {
				t.Fatalf("round trip of %q: %v %v %v", pw, ok, rehash, err)
			}
		}
	})
}
