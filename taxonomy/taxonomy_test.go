package taxonomy

import (
	"regexp"
	"strings"
	"testing"
)

func TestSectors(t *testing.T) {
	ss := Sectors()
	if len(ss) != 17 {
		t.Fatalf("%d sectors, want 17", len(ss))
	}
	codeRE := regexp.MustCompile(`^[A-Z](_[A-Z])*$`)
	seen := map[string]bool{}
	var bps []string
	for _, s := range ss {
		for _, key := range []string{"code " + s.Code, "id " + s.NameID, "en " + s.NameEN} {
			if seen[key] {
				t.Errorf("duplicate %s", key)
			}
			seen[key] = true
		}
		if !codeRE.MatchString(s.Code) || s.NameID == "" || s.NameEN == "" {
			t.Errorf("bad sector %+v", s)
		}
		for _, c := range []string{s.Code, s.BPSCode()} {
			if got, ok := SectorByCode(c); !ok || got != s {
				t.Errorf("SectorByCode(%q) = %+v, %v", c, got, ok)
			}
		}
		bps = append(bps, s.BPSCode())
	}
	// The categories as the BPS tables list them.
	if got, want := strings.Join(bps, " "), "A B C D E F G H I J K L M,N O P Q R,S,T,U"; got != want {
		t.Errorf("BPS codes %q, want %q", got, want)
	}
	if s, _ := SectorByCode("M_N"); s.NameID != "Jasa Perusahaan" {
		t.Errorf("M_N is %q", s.NameID)
	}
	for _, c := range []string{"", "M", "N", "a", "MN", "R,S"} {
		if _, ok := SectorByCode(c); ok {
			t.Errorf("SectorByCode(%q) found", c)
		}
	}
	ss[0].Code = "changed"
	if Sectors()[0].Code != "A" {
		t.Error("Sectors returns shared storage")
	}
}

func TestUrusans(t *testing.T) {
	us := Urusans()
	if len(us) != 32 {
		t.Fatalf("%d urusan, want 32", len(us))
	}
	classes := map[UrusanClass]int{}
	seen := map[string]bool{}
	for i, u := range us {
		for _, key := range []string{"code " + u.Code, "id " + u.NameID, "en " + u.NameEN} {
			if seen[key] {
				t.Errorf("duplicate %s", key)
			}
			seen[key] = true
		}
		if u.NameID == "" || u.NameEN == "" {
			t.Errorf("bad urusan %+v", u)
		}
		classes[u.Class]++
		// The code is the class digit, a dot and the running number.
		prefix := map[UrusanClass]string{WajibDasar: "1", WajibNonDasar: "2", Pilihan: "3"}[u.Class]
		if want := prefix + "." + twoDigits(i+1); u.Code != want {
			t.Errorf("urusan %d has code %q, want %q", i+1, u.Code, want)
		}
		if got, ok := UrusanByCode(u.Code); !ok || got != u {
			t.Errorf("UrusanByCode(%q) = %+v, %v", u.Code, got, ok)
		}
	}
	for class, want := range map[UrusanClass]int{WajibDasar: 6, WajibNonDasar: 18, Pilihan: 8} {
		if classes[class] != want {
			t.Errorf("%d urusan of class %s, want %d", classes[class], class, want)
		}
	}
	if len(classes) != 3 {
		t.Errorf("classes %v", classes)
	}
	if u, _ := UrusanByCode("2.20"); u.NameID != "Statistik" {
		t.Errorf("2.20 is %q", u.NameID)
	}
	for _, c := range []string{"", "1.1", "2.01", "3.33", "1.07"} {
		if _, ok := UrusanByCode(c); ok {
			t.Errorf("UrusanByCode(%q) found", c)
		}
	}
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}
