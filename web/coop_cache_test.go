package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// TestCoopCacheAcrossInstances reads the list and a cooperation from a
// second instance on the same database, changes them through the first
// and through the store, and checks that the second answers the change at
// once; and that answers kept for one caller's scope never reach another.
func TestCoopCacheAcrossInstances(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		cf := f.addCoops(t)
		s2, err := New(f.server.Deps)
		if err != nil {
			t.Fatal(err)
		}
		ts2 := httptest.NewServer(s2.Handler())
		t.Cleanup(ts2.Close)
		read := func(actor, path string) response {
			t.Helper()
			r := get(t, ts2, "/api/v1/cooperations"+path, "Authorization", "Bearer "+f.tokens[actor])
			if r.Status != http.StatusOK {
				t.Fatalf("%s %s: %d %s", actor, path, r.Status, r.Body)
			}
			return r
		}
		list, one := "?sort=title", "/"+itoa(cf.in.ID)
		for range 2 { // the second answer from the cache
			if r := read("na", list); !strings.Contains(r.Body, cf.out.Title) || !strings.Contains(r.Body, cf.in.Title) {
				t.Fatalf("national list: %s", r.Body)
			}
			if r := read("na", one); r.Header.Get("ETag") != etag(cf.in.Version) || strings.Count(r.Body, `"current":`) != 1 {
				t.Fatalf("cooperation: %s %s", r.Header.Get("ETag"), r.Body)
			}
		}
		// The same filter for a province: its own answer, not the national one.
		if r := read("pa", list); strings.Contains(r.Body, cf.out.Title) || !strings.Contains(r.Body, cf.in.Title) {
			t.Errorf("province list shows another province's cooperation: %s", r.Body)
		}
		if r := get(t, ts2, "/api/v1/cooperations"+one); r.Status != http.StatusNotFound {
			t.Errorf("the public reads an unpublished cooperation kept for another: %d", r.Status)
		}

		// A change through the first instance.
		r := f.do("ra", request{method: "PATCH", path: "/api/v1/cooperations" + one,
			json: map[string]any{"title": "Pengelolaan sampah terpadu"}, header: map[string]string{"If-Match": etag(cf.in.Version)}})
		if r.Status != http.StatusOK {
			t.Fatalf("patch: %d %s", r.Status, r.Body)
		}
		if r := read("na", list); !strings.Contains(r.Body, "Pengelolaan sampah terpadu") || strings.Contains(r.Body, cf.in.Title) {
			t.Errorf("list after the change elsewhere: %s", r.Body)
		}
		if r := read("na", one); r.Header.Get("ETag") != etag(cf.in.Version+1) || !strings.Contains(r.Body, "terpadu") {
			t.Errorf("cooperation after the change elsewhere: %s %s", r.Header.Get("ETag"), r.Body)
		}
		// A document added by the store (a job, another instance).
		_, err = db.AddDocument(context.Background(), access.Scope{All: true}, cf.in.ID, sqlstore.DocumentVersion{
			CooperationID: cf.in.ID, Type: cooperation.DocDraftKB, FileName: "kb.pdf", Size: int64(len(samplePDF)),
			SHA256: cf.doc.SHA256, MIME: "application/pdf", Kind: "pdf", UploaderName: "job", UploadedAt: db.Now(),
		}, sys)
		if err != nil {
			t.Fatal(err)
		}
		if r := read("na", one); strings.Count(r.Body, `"current":`) != 2 {
			t.Errorf("cooperation after a new document: %s", r.Body)
		}
	})
}
