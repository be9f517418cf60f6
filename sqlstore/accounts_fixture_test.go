package sqlstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// t0 is the time the fixture's clock starts at.
var t0 = time.Date(2025, 3, 1, 8, 0, 0, 123456000, time.UTC)

// testClock is a settable clock for DB.SetNow.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture loads two provinces with one city each (32, 32.73, 35, 35.78)
// and sets db's clock to t0.
func fixture(t testing.TB, db *sqlstore.DB) *testClock {
	t.Helper()
	return fixtureWith(t, db)
}

// fixtureWith is fixture with extra regions (after their parents).
func fixtureWith(t testing.TB, db *sqlstore.DB, extra ...region.Region) *testClock {
	t.Helper()
	regions := append([]region.Region{
		{Code: "32", Name: "Jawa Barat", Level: region.Province, Kind: region.KindProvince},
		{Code: "32.73", Name: "Kota Bandung", Level: region.Regency, Kind: region.KindKota, Parent: "32"},
		{Code: "35", Name: "Jawa Timur", Level: region.Province, Kind: region.KindProvince},
		{Code: "35.78", Name: "Kota Surabaya", Level: region.Regency, Kind: region.KindKota, Parent: "35"},
	}, extra...)
	if err := db.LoadRegions(context.Background(), regions, "test"); err != nil {
		t.Fatal(err)
	}
	c := &testClock{t: t0}
	db.SetNow(c.Now)
	return c
}

// admin is the actor the fixtures act as.
var admin = sqlstore.AuditMeta{
	Actor: access.Actor{UserID: 0, Name: "system", Role: access.NationalAdmin},
	IP:    "192.0.2.1",
}

func mustUser(t testing.TB, db *sqlstore.DB, username string, role access.Role, region string, org int64) sqlstore.User {
	t.Helper()
	u, err := db.CreateUser(context.Background(), sqlstore.User{
		Username: username, DisplayName: "User " + username, Email: username + "@example.id",
		PasswordHash: "hash-" + username, Role: role, Region: region, OrgID: org,
	}, admin)
	if err != nil {
		t.Fatalf("create user %s: %v", username, err)
	}
	return u
}

// wantCode fails t unless err is a *jalin.Error with code, msg and field
// (msg and field are not checked when "").
func wantCode(t *testing.T, err error, code jalin.Code, msg, field string) {
	t.Helper()
	var e *jalin.Error
	if !errors.As(err, &e) || e.Code != code || (msg != "" && e.Msg != msg) || (field != "" && e.Field != field) {
		t.Fatalf("error = %v, want %s %s (%s)", err, code, msg, field)
	}
}

func wantNotFound(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, jalin.ErrNotFound) {
		t.Fatalf("error = %v, want ErrNotFound", err)
	}
}

// auditCount counts the audit records.
func auditCount(t *testing.T, db *sqlstore.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), "SELECT COUNT(*) FROM audit_log").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

var (
	national = access.Scope{All: true}
	prov32   = access.Scope{Prefix: "32"}
	city3273 = access.Scope{Prefix: "32.73"}
)
