package web

import (
	"math"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func TestFormatIntIn(t *testing.T) {
	for _, c := range []struct {
		n      int64
		id, en string
	}{
		{0, "0", "0"}, {999, "999", "999"}, {1000, "1.000", "1,000"}, {83762, "83.762", "83,762"},
		{1234567, "1.234.567", "1,234,567"}, {-1500, "-1.500", "-1,500"},
	} {
		if got := formatIntIn(i18n.ID, c.n); got != c.id {
			t.Errorf("formatIntIn(id, %d) = %q, want %q", c.n, got, c.id)
		}
		if got := formatIntIn(i18n.EN, c.n); got != c.en {
			t.Errorf("formatIntIn(en, %d) = %q, want %q", c.n, got, c.en)
		}
	}
}

func TestFormatFloatIn(t *testing.T) {
	for _, c := range []struct {
		lang i18n.Lang
		v    float64
		d    int
		want string
	}{
		{i18n.ID, 1234567.891, 0, "1.234.568"},
		{i18n.EN, 1234567.891, 0, "1,234,568"},
		{i18n.ID, -1234.5, 2, "-1.234,50"},
		{i18n.EN, -1234.5, 2, "-1,234.50"},
		{i18n.EN, 0.125, 2, "0.13"},
		{i18n.ID, 0.125, 2, "0,13"},
		{i18n.ID, -0.001, 2, "0,00"},
		{i18n.EN, math.NaN(), 2, "–"},
	} {
		if got := formatFloatIn(c.lang, c.v, c.d); got != c.want {
			t.Errorf("formatFloatIn(%s, %v, %d) = %q, want %q", c.lang, c.v, c.d, got, c.want)
		}
	}
}

func TestViewFormats(t *testing.T) {
	share := 0.04512
	var missing *float64
	for _, c := range []struct {
		lang                                   i18n.Lang
		num, dec, ptr, pct, none, rp, km, size string
	}{
		{i18n.ID, "12.345", "1.234,57", "0,05", "4,5 %", "–", "Rp 2.500.000", "12,3", "1,5 MB"},
		{i18n.EN, "12,345", "1,234.57", "0.05", "4.5 %", "–", "Rp 2,500,000", "12.3", "1.5 MB"},
	} {
		v := &view{Lang: c.lang}
		for _, g := range []struct{ got, want string }{
			{v.Num(12345), c.num}, {v.Dec(1234.567, 2), c.dec}, {v.Dec(&share, 2), c.ptr},
			{v.Pct(&share), c.pct}, {v.Pct(missing), c.none}, {v.Dec(missing, 1), c.none},
			{v.Rupiah(2500000), c.rp}, {v.Km(12.34), c.km}, {v.Size(3 << 19), c.size},
		} {
			if g.got != g.want {
				t.Errorf("%s: got %q, want %q", c.lang, g.got, g.want)
			}
		}
	}
}

// Every kind of number on the pages follows the page's language: counts,
// decimals, percentages, distances and the LQ legend.
func TestPageNumbersInLanguage(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ts := newPotentialServer(t, db, &fakeEcon{version: "1"})
		for _, c := range []struct {
			path   string
			id, en []string
			notID  string // an English form that must not be on the Indonesian page
			notEN  string
		}{
			{"/", []string{"83.762"}, []string{"83,762"}, "83,762", "83.762"},
			{"/regions/32.73", []string{">40,5<"}, []string{">40.5<"}, ">40.5<", ">40,5<"},
			{"/regions/32.73/potential", []string{">1,53", "4,5 % – 5,3 %"}, []string{">1.53", "4.5 % – 5.3 %"}, "4.5 %", "4,5 %"},
			{"/potential?sector=C&year=2020", []string{">1,53<", "≤ 0,5<", "1,5–2,5<"}, []string{">1.53<", "≤ 0.5<", "1.5–2.5<"}, ">1.53<", ">1,53<"},
		} {
			check := func(path string, want []string, not string) {
				r := get(t, ts, path)
				if r.Status != 200 {
					t.Fatalf("GET %s: status %d", path, r.Status)
				}
				for _, w := range want {
					if !strings.Contains(r.Body, w) {
						t.Errorf("GET %s: body lacks %q", path, w)
					}
				}
				if strings.Contains(r.Body, not) {
					t.Errorf("GET %s: body has %q, written for the other language", path, not)
				}
			}
			sep := "?"
			if strings.Contains(c.path, "?") {
				sep = "&"
			}
			check(c.path, c.id, c.notID)
			check(c.path+sep+"lang=en", c.en, c.notEN)
		}
	})
}

// A cooperation's value is written as rupiah in the page's language.
func TestCoopValueInLanguage(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCoopTest(t, db)
		c.create("ra")
		for path, want := range map[string]string{
			"/cooperations/" + c.id:              "Rp 1.500.000.000",
			"/cooperations/" + c.id + "?lang=en": "Rp 1,500,000,000",
		} {
			r := c.do("ra", request{method: "GET", path: path})
			if r.Status != 200 || !strings.Contains(r.Body, want) {
				t.Errorf("GET %s: status %d, want %q in the page", path, r.Status, want)
			}
		}
	})
}
