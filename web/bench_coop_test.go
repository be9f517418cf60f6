package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/config"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// BenchmarkCoopListAPI measures one list request through the whole server
// (token authentication, middleware, store, JSON) in process, on 20,000
// generated cooperations: the in-process part of bench/coop.sh's figure.
//
//	go test ./web -run '^$' -bench CoopListAPI -benchtime 3000x
func BenchmarkCoopListAPI(b *testing.B) {
	h, raw := coopBenchServer(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest("GET", "/api/v1/cooperations?province=32&stage=pelaksanaan&sort=end_date&limit=50", nil)
		req.Header.Set("Authorization", "Bearer "+raw)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code, rec.Body.String())
		}
	}
}

// BenchmarkCoopGetAPI reads cooperations by id through the whole server,
// a different one each time (so never from the answer cache until all
// 20,000 have been read):
//
//	go test ./web -run '^$' -bench CoopGetAPI -benchtime 10000x
func BenchmarkCoopGetAPI(b *testing.B) {
	h, raw := coopBenchServer(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest("GET", "/api/v1/cooperations/"+strconv.Itoa(1+(i*7919)%20000), nil)
		req.Header.Set("Authorization", "Bearer "+raw)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code, rec.Body.String())
		}
	}
}

// coopBenchServer is a server on 20,000 generated cooperations and a
// national administrator's API token.
func coopBenchServer(b *testing.B) (http.Handler, string) {
	db := sqlstoretest.Open(b, sqlstore.SQLite)
	dir := directory(b)
	ctx := context.Background()
	if err := db.LoadRegions(ctx, dir.All(), "x"); err != nil {
		b.Fatal(err)
	}
	sqlstoretest.CreateOrgs(b, db, dir.All())
	cs := sqlstoretest.Cooperations(20000, 1, dir.All())
	if err := db.BulkLoadCooperations(ctx, cs); err != nil {
		b.Fatal(err)
	}
	u, err := db.CreateUser(ctx, sqlstore.User{Username: "bench", DisplayName: "b", Role: access.NationalAdmin, Lang: "id", PasswordHash: "x"}, sys)
	if err != nil {
		b.Fatal(err)
	}
	raw, hash := auth.NewToken()
	if _, err := db.CreateToken(ctx, sqlstore.APIToken{UserID: u.ID, Name: "b", Hash: hash}, sys); err != nil {
		b.Fatal(err)
	}
	s, err := New(Deps{Config: testConfig(), Logger: discardLogger(), Catalog: catalog(), Regions: dir, Geo: db, Accounts: db, Coops: db, Ready: db.Ping, Now: db.Now})
	if err != nil {
		b.Fatal(err)
	}
	return s.Handler(), raw
}

func testConfig() config.Config   { return config.Default() }
func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
func catalog() *i18n.Catalog      { return i18n.MustLoad() }
