package auth

import (
	"errors"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin"
)

func TestHashRoundTripDefault(t *testing.T) {
	enc, err := HashPassword("kerja sama daerah")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("encoded = %q", enc)
	}
	ok, rehash, err := VerifyPassword(enc, "kerja sama daerah")
	if !ok || rehash || err != nil {
		t.Errorf("right password: ok=%v rehash=%v err=%v", ok, rehash, err)
	}
	ok, rehash, err = VerifyPassword(enc, "kerja sama daerah ")
	if ok || rehash || err != nil {
		t.Errorf("wrong password: ok=%v rehash=%v err=%v", ok, rehash, err)
	}
}

func TestHashSalted(t *testing.T) {
	p := CheapParams()
	a, _ := p.Hash("same password")
	b, _ := p.Hash("same password")
	if a == b {
		t.Error("two hashes of one password are equal: no salt")
	}
}

func TestNeedsRehash(t *testing.T) {
	cheap, err := CheapParams().Hash("pw-for-rehash")
	if err != nil {
		t.Fatal(err)
	}
	if ok, rehash, err := VerifyPassword(cheap, "pw-for-rehash"); !ok || !rehash || err != nil {
		t.Errorf("cheap hash under default: ok=%v rehash=%v err=%v", ok, rehash, err)
	}
	if ok, rehash, _ := CheapParams().Verify(cheap, "pw-for-rehash"); !ok || rehash {
		t.Errorf("cheap hash under cheap: ok=%v rehash=%v", ok, rehash)
	}
	longer := CheapParams()
	longer.KeyLen = 48
	if _, rehash, _ := longer.Verify(cheap, "pw-for-rehash"); !rehash {
		t.Error("key length change not reported")
	}
	if ok, rehash, _ := VerifyPassword(cheap, "wrong"); ok || rehash {
		t.Error("wrong password reported as needing a rehash")
	}
}

func TestVerifyTampered(t *testing.T) {
	p := CheapParams()
	enc, _ := p.Hash("correct horse")
	f := strings.Split(enc, "$") // "", argon2id, v=19, m=..., salt, key
	flip := func(s string) string {
		c := byte('A')
		if s[0] == 'A' {
			c = 'B'
		}
		return string(c) + s[1:]
	}
	join := func(parts ...string) string { return strings.Join(parts, "$") }
	// Still well formed, but no longer the hash of the password.
	for name, s := range map[string]string{
		"salt": join("", f[1], f[2], f[3], flip(f[4]), f[5]),
		"key":  join("", f[1], f[2], f[3], f[4], flip(f[5])),
		"time": join("", f[1], f[2], "m=64,t=2,p=1", f[4], f[5]),
	} {
		if ok, _, err := p.Verify(s, "correct horse"); ok || err != nil {
			t.Errorf("%s tampered: ok=%v err=%v", name, ok, err)
		}
	}
	// Malformed: an error, never ok.
	for _, s := range []string{
		"",
		"plaintext",
		enc + "$",
		enc[1:],
		strings.Replace(enc, "argon2id", "argon2i", 1),
		strings.Replace(enc, "v=19", "v=16", 1),
		strings.Replace(enc, "m=64", "m=064", 1),
		strings.Replace(enc, "m=64", "m=+64", 1),
		strings.Replace(enc, "m=64", "m=4", 1),                  // below 8 KiB per lane
		strings.Replace(enc, "m=64", "m=4194304", 1),            // 4 GiB: refused, not allocated
		strings.Replace(enc, "m=64", "m=99999999999", 1),        // overflows uint32
		strings.Replace(enc, "t=1", "t=0", 1),                   // no pass
		strings.Replace(enc, "p=1", "p=0", 1),                   // no lane
		strings.Replace(enc, "m=64,t=1,p=1", "t=1,m=64,p=1", 1), // order
		strings.Replace(enc, "p=1", "p=1,k=2", 1),
		join("", f[1], f[2], f[3], f[4], f[5][:4]), // key too short to trust
		join("", f[1], f[2], f[3], f[4]+"=", f[5]), // padding
		join("", f[1], f[2], f[3], f[4], f[5][:len(f[5])-1]+"!"),
	} {
		ok, _, err := p.Verify(s, "correct horse")
		if ok || err == nil {
			t.Errorf("Verify(%q): ok=%v err=%v, want an error", s, ok, err)
		}
	}
}

func TestParamsCheck(t *testing.T) {
	bad := CheapParams()
	bad.SaltLen = 4
	if _, err := bad.Hash("x"); err == nil {
		t.Error("a 4-byte salt was accepted")
	}
	if err := DefaultParams().check(); err != nil {
		t.Error(err)
	}
}

func TestCheckPasswordPolicy(t *testing.T) {
	for _, c := range []struct {
		pw, user, msg string
	}{
		{"kerjasama-daerah", "budi", ""},
		{"0123456789", "budi", ""},
		{"sembilan9", "budi", "auth.password_short"},
		{"", "budi", "auth.password_short"},
		{"ꦏꦼꦂꦗꦱꦩꦣꦌꦫꦃ", "budi", ""},                   // 10 Javanese characters, 30 bytes
		{"ééééééééé", "budi", "auth.password_short"}, // 9 characters, 18 bytes
		{strings.Repeat("ab", 128), "budi", ""},
		{strings.Repeat("ab", 128) + "c", "budi", "auth.password_long"},
		{strings.Repeat("é", 129), "budi", "auth.password_long"}, // 129 characters but 258 bytes
		{"budi.santoso-2024", "Budi.Santoso", "auth.password_weak"},
		{"xxBUDIxx2024", "budi", "auth.password_weak"},
		{"aaaaaaaaaaaa", "budi", "auth.password_weak"},
		{"            ", "budi", "auth.password_weak"},
		{"kerjasama-daerah", "", ""},
	} {
		err := CheckPasswordPolicy(c.pw, c.user)
		if c.msg == "" {
			if err != nil {
				t.Errorf("CheckPasswordPolicy(%q, %q) = %v, want nil", c.pw, c.user, err)
			}
			continue
		}
		var e *jalin.Error
		if !errors.As(err, &e) || e.Code != jalin.EInvalid || e.Field != "password" || e.Msg != c.msg {
			t.Errorf("CheckPasswordPolicy(%q, %q) = %v, want invalid password %s", c.pw, c.user, err, c.msg)
		}
	}
}

func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("kerja sama daerah"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyPassword(b *testing.B) {
	enc, _ := HashPassword("kerja sama daerah")
	for b.Loop() {
		VerifyPassword(enc, "kerja sama daerah")
	}
}
