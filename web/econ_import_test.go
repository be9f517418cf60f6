package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// econCSV is a canonical table where 2019 lost a decimal point in sector A
// of Kota Bandung: ten times its neighbouring years.
const econCSV = `region,indicator,year,value,unit
32.73,pdrb_adhk_lu:A,2018,10.5,miliar Rp
32.73,pdrb_adhk_lu:A,2019,125.4,miliar Rp
32.73,pdrb_adhk_lu:A,2020,11.1,miliar Rp
32.04,pdrb_adhk_lu:A,2018,500,miliar Rp
32.04,pdrb_adhk_lu:A,2019,510,miliar Rp
32.04,pdrb_adhk_lu:A,2020,520,miliar Rp
`

func init() {
	matrixExtensions = append(matrixExtensions, func(f *fixture) []matrixCase {
		upload := func(*fixture, string) request {
			return request{method: "POST", path: "/econ/import", files: map[string][]byte{"files": []byte(econCSV)}}
		}
		return []matrixCase{
			{"GET /econ/import", "", getReq("/econ/import"), "200 403 403 403 403 403 403 403 403 303"},
			{"POST /econ/import", "a table", upload, "200 403 403 403 403 403 403 403 403 403"},
			{"POST /econ/import/confirm", "no files", func(*fixture, string) request {
				return request{method: "POST", path: "/econ/import/confirm", form: url.Values{}}
			}, "400 403 403 403 403 403 403 403 403 403"},
		}
	})
}

// The administrator sees the findings before anything is stored, then
// imports without the suspect row.
func TestEconImportPage(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		r := f.do("na", request{method: "POST", path: "/econ/import", files: map[string][]byte{"files": []byte(econCSV)}})
		if r.Status != 200 || !strings.Contains(r.Body, `id="econ-preview"`) || !strings.Contains(r.Body, "order_of_magnitude_jump") {
			t.Fatalf("preview: %d %s", r.Status, problemsOf(r.Body))
		}
		if v, _ := db.EconVersion(context.Background()); v != "" {
			t.Fatalf("the preview stored data: version %q", v)
		}
		form := url.Values{}
		for _, m := range []string{`name="key" value="`, `name="name" value="`} {
			i := strings.Index(r.Body, m)
			rest := r.Body[i+len(m):]
			form.Add(strings.Split(m, `"`)[1], rest[:strings.IndexByte(rest, '"')])
		}
		r = f.do("na", request{method: "POST", path: "/econ/import/confirm", form: form})
		if r.Status != 303 {
			t.Fatalf("confirm: %d %s", r.Status, problemsOf(r.Body))
		}
		rows, err := db.EconRows(context.Background(), []string{"pdrb_adhk_lu:"}, 0, 0)
		if err != nil || len(rows) != 5 {
			t.Fatalf("stored %d rows, want 5 (the suspect one left out): %v", len(rows), err)
		}
		for _, row := range rows {
			if row.Region == "32.73" && row.Year == 2019 {
				t.Error("the lost-decimal row was stored")
			}
		}
		page := f.do("na", request{method: "GET", path: "/econ/import"})
		if !strings.Contains(page.Body, `id="econ-imports"`) || strings.Contains(page.Body, `colspan="6" class="muted"`) {
			t.Error("the import is not in the history")
		}
	})
}
