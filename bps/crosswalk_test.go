package bps

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"testing"

	"github.com/jalin-ksd/jalin/region"
)

var (
	testCWOnce sync.Once
	testCW     *Crosswalk
	testCWErr  error
)

// crosswalk returns the crosswalk over the embedded reference, built once.
func crosswalk(t testing.TB) *Crosswalk {
	t.Helper()
	testCWOnce.Do(func() {
		dir, err := region.Load()
		if err != nil {
			testCWErr = err
			return
		}
		testCW, testCWErr = NewCrosswalk(dir)
	})
	if testCWErr != nil {
		t.Fatal(testCWErr)
	}
	return testCW
}

// TestMapHandChecked uses pairs checked by hand against the reference
// (region.Load) and the BPS tables in shared/data/economy.
func TestMapHandChecked(t *testing.T) {
	cw := crosswalk(t)
	cases := []struct{ code, name, want string }{
		{"1101", "Simeulue", "11.09"},      // Kemendagri 11.01 is Aceh Selatan
		{"1102", "Aceh Singkil", "11.10"},  // verified: 11.10 Kabupaten Aceh Singkil
		{"1103", "Aceh Selatan", "11.01"},  //
		{"3204", "Bandung", "32.04"},       // kabupaten
		{"3273", "Kota Bandung", "32.73"},  // kota of the same name
		{"3522", "Bojonegoro", "35.22"},    //
		{"3578", "Kota Surabaya", "35.78"}, //
		{"9401", "Merauke", "93.01"},       // BPS 94 Papua → Papua Selatan (BPS 9101 is Fakfak, not Merauke)
		{"9101", "FakFak", "92.03"},        // Kemendagri "Fak Fak"
		{"9107", "Sorong", "96.01"},        // Papua Barat → Papua Barat Daya
		{"9171", "Kota Sorong", "96.71"},   //
		{"9402", "Jayawijaya", "95.01"},    // → Papua Pegunungan
		{"9412", "Mimika", "94.04"},        // → Papua Tengah
		{"9403", "Jayapura", "91.03"},      // stays in Papua
		{"9471", "Kota Jayapura", "91.71"}, // verified: 91.71 Kota Jayapura
		{"6403", "Kutai Kartanegara", "64.02"},
		{"6403", "Kutal Kartanegara", "64.02"}, // reviewed typo
		{"6302", "Kota Baru", "63.02"},         // a kabupaten whose name starts with "Kota"
		{"1277", "Kota Padangsidimpuan", "12.77"},
		{"1277", "Padang Sidimpuan", "12.77"}, // no "Kota": the code says kota
		{"3101", "Kepulauan Seribu", "31.01"}, // Kemendagri: Kabupaten Administrasi Kepulauan Seribu
		{"3101", "Adm. Kep. Seribu", "31.01"},
		{"3171", "Kota Jakarta Selatan", "31.74"},
		{"7203", "Tojo Una-Una", "72.09"}, // Kemendagri "Tojo Una Una"
		{"7204", "Toli-Toli", "72.04"},
		{"7204", "Tolitoli", "72.04"},
		{"7472", "Kota Bau-Bau", "74.72"},
		{"6104", "Pontianak", "61.02"}, // renamed Mempawah
		{"6171", "Kota Pontianak", "61.71"},
		{"3200", "Provinsi Jawa Barat", "32"},
		{"3400", "DAERAH ISTIMEWA YOGYAKARTA", "34"},
		{"9200", "PAPUA BARAT DAYA", "96"}, // BPS 92 ≠ Kemendagri 92 (Papua Barat)
		{"9999", "Nasional", NationalCode},
		{"9999", "34 PROVINSI", NationalCode},
	}
	for _, c := range cases {
		got, ok, reason := cw.Map(c.code, c.name)
		if !ok || got != c.want {
			t.Errorf("Map(%s, %q) = %q, %v (%s); want %s", c.code, c.name, got, ok, reason, c.want)
		}
	}
}

func TestMapRefuses(t *testing.T) {
	cw := crosswalk(t)
	cases := []struct{ code, name, reason string }{
		{"3273", "Bandung Barat", "no kota"},     // there is no Kota Bandung Barat
		{"3204", "Kota Bandung", "no kabupaten"}, // kind from the code: a kabupaten code with a kota name
		{"1101", "Atlantis", "no kabupaten"},
		{"9100", "Provinsi Papua Barat", "pre-2022"},
		{"9400", "PAPUA", "pre-2022"},
		{"3200", "Jawa Tengah", "not in the reviewed"},
		{"6403", "", "no usable name"},
		{"64.02", "Kutai Kartanegara", "4-digit"},
		{"9101", "Merauke", "no kabupaten"}, // Merauke is not in Papua Barat
	}
	for _, c := range cases {
		got, ok, reason := cw.Map(c.code, c.name)
		if ok || !strings.Contains(reason, c.reason) {
			t.Errorf("Map(%s, %q) = %q, %v, %q; want refusal mentioning %q", c.code, c.name, got, ok, reason, c.reason)
		}
	}
}

// TestMapNameWins: the code gives only province and kind, so a row whose
// name names another regency of the province goes where its name says.
// Within one file, the readers refuse a BPS code that lands on two regions
// (TestReadCodeNameConflict).
func TestMapNameWins(t *testing.T) {
	if got, ok, _ := crosswalk(t).Map("3204", "Bogor"); !ok || got != "32.01" {
		t.Errorf("Map(3204, Bogor) = %q, %v; want 32.01", got, ok)
	}
}

func TestNormName(t *testing.T) {
	cases := []struct {
		name string
		kind region.Kind
		want string
	}{
		{"Kabupaten Aceh Selatan", region.KindKabupaten, "acehselatan"},
		{"Kab. Aceh Selatan", region.KindKabupaten, "acehselatan"},
		{"Kota Banda Aceh", region.KindKota, "bandaaceh"},
		{"Kota Administrasi Jakarta Pusat", region.KindKota, "jakartapusat"},
		{"Kota Baru", region.KindKabupaten, "kotabaru"},
		{"Kabupaten Kotabaru", region.KindKabupaten, "kotabaru"},
		{"  Padang  Sidimpuan ", region.KindKota, "padangsidimpuan"},
		{"Provinsi DKI Jakarta", region.KindProvince, "dkijakarta"},
		{"Adm. Kep. Seribu", region.KindKabupaten, "kepulauanseribu"},
	}
	for _, c := range cases {
		if got := normName(c.name, c.kind); got != c.want {
			t.Errorf("normName(%q, %s) = %q, want %q", c.name, c.kind, got, c.want)
		}
	}
}

func TestRenamesFileRejects(t *testing.T) {
	dir := crosswalk(t).Directory()
	head := "bps_code,bps_name,kemendagri_code,reason\n"
	cases := map[string]string{
		"unknown target": head + "1101,Simeulue,11.99,typo\n",
		"wrong level":    head + "1100,Aceh,11.01,province\n",
		"no reason":      head + "1101,Simeulue,11.09,\n",
		"bad code":       head + "110,Simeulue,11.09,x\n",
		"repeated":       head + "1101,Simeulue,11.09,x\n1101,SIMEULUE,11.09,y\n",
		"bad header":     "code,name,target,reason\n",
	}
	for name, src := range cases {
		if _, err := newCrosswalk(dir, []byte(src), "test.csv"); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestRenamesFileVersion pins the reviewed file to CrosswalkVersion: a
// change to the file must come with a new version (and a new line here).
func TestRenamesFileVersion(t *testing.T) {
	sums := map[string]string{
		"bps-kemendagri-2026.1": "34a52527cc23db7ffd037701603001577c42ad02fbd42adf2765a6e6ea51928d",
	}
	h := sha256.Sum256(renamesCSV)
	if got := hex.EncodeToString(h[:]); sums[CrosswalkVersion] != got {
		t.Fatalf("crosswalk_renames.csv has sha256 %s; raise CrosswalkVersion (now %s) and pin the new sum", got, CrosswalkVersion)
	}
}
