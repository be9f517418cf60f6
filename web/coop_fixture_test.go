package web

import (
	"context"
	"strconv"
	"testing"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// coopFixture adds three cooperations to a fixture: "in" between Kota
// Bandung (initiator) and Kabupaten Bandung, in preparation; "out" between
// two East Java regencies; "pub", an East Java one that is published.
type coopFixture struct {
	in, out, pub cooperation.Cooperation
	doc          sqlstore.DocumentVersion // a document of "in"
}

func regionParty(code, name string, initiator bool) cooperation.Party {
	return cooperation.Party{Kind: cooperation.PartyRegion, Region: code, Name: name, Initiator: initiator}
}

func (f *fixture) addCoops(t *testing.T) coopFixture {
	t.Helper()
	ctx := context.Background()
	mk := func(title string, published bool, parties ...cooperation.Party) cooperation.Cooperation {
		c, err := f.db.CreateCooperation(ctx, cooperation.Cooperation{
			Title: title, Kind: cooperation.KindSukarela, Stage: cooperation.Persiapan, Parties: parties,
			Published: published, RuleVersion: cooperation.Defaults().Version,
		}, sys)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	var cf coopFixture
	cf.in = mk("Pengelolaan sampah Bandung Raya", false, regionParty("32.73", "Kota Bandung", true), regionParty("32.04", "Kabupaten Bandung", false))
	cf.out = mk("Air bersih Gerbangkertosusila", false, regionParty("35.78", "Kota Surabaya", true), regionParty("35.15", "Kabupaten Sidoarjo", false))
	cf.pub = mk("Pariwisata Bromo", true, regionParty("35.13", "Kabupaten Probolinggo", true), regionParty("35.06", "Kabupaten Kediri", false))
	var err error
	cf.doc, err = f.db.AddDocument(ctx, access.Scope{All: true}, cf.in.ID, sqlstore.DocumentVersion{
		CooperationID: cf.in.ID, Type: cooperation.DocKAK, FileName: "kak.pdf", Size: int64(len(samplePDF)),
		SHA256: mustPut(t, f, samplePDF), MIME: "application/pdf", Kind: "pdf", UploadedBy: f.users["ra"].ID,
		UploaderName: "user.ra", UploadedAt: f.db.Now(),
	}, sys)
	if err != nil {
		t.Fatal(err)
	}
	return cf
}

func mustPut(t *testing.T, f *fixture, data []byte) string {
	t.Helper()
	key, err := f.server.Blobs.Put(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// coopVersion reads a cooperation's current version for forms.
func (f *fixture) coopVersion(id int64) string {
	c, err := f.db.GetCooperation(context.Background(), access.Scope{All: true}, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return strconv.FormatInt(c.Version, 10)
}

// samplePDF is a small valid PDF document.
var samplePDF = []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

// sampleELF starts like a Linux executable; named .pdf it must still be refused.
var sampleELF = append([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, make([]byte, 120)...)

func atoi(s string) int64 { n, _ := strconv.ParseInt(s, 10, 64); return n }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
