package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// appendN appends n records, alternating regions and with and without
// actor, JSON and region, so that NULLs are covered.
func appendN(t testing.TB, db *sqlstore.DB, clock *testClock, n int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		e := sqlstore.AuditEntry{Action: "login.success", ObjectKind: "user", ObjectID: fmt.Sprint(i % 3)}
		meta := sqlstore.AuditMeta{IP: "203.0.113.5"}
		if i%2 == 0 {
			e.Action, e.Region = "user.update", []string{"32", "32.73", "35.78"}[i%3]
			e.Before, e.After = map[string]any{"n": i}, map[string]any{"n": i + 1, "s": "ä\"<"}
			meta.Actor = access.Actor{UserID: int64(i + 1), Name: "admin"}
		}
		if err := db.AppendAudit(ctx, meta, e); err != nil {
			t.Fatal(err)
		}
		if clock != nil {
			clock.Advance(1500 * time.Millisecond)
		}
	}
}

func verify(t *testing.T, db *sqlstore.DB) sqlstore.AuditVerification {
	t.Helper()
	v, err := db.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestAuditChain(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clock := fixture(t, db)
		if v := verify(t, db); !v.OK || v.Checked != 0 {
			t.Errorf("empty trail: %+v", v)
		}
		appendN(t, db, clock, 10)
		if v := verify(t, db); !v.OK || v.Checked != 10 {
			t.Fatalf("intact trail: %+v", v)
		}
		// The same records hash alike on every engine: the encoding does
		// not depend on how the engine stores times, NULLs or text.
		recs, _, err := db.AuditList(ctx, national, sqlstore.AuditFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		const want = "a74e49b5dd71bbf5dc4c34933b06eb6baaa24589b44b553b319dc034b204829a"
		if got := recs[0].Hash; got != want {
			t.Errorf("hash of record 10 = %s, want %s", got, want)
		}

		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := db.Exec(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		// Altered: a changed after_json breaks seq 5.
		var orig string
		if err := db.QueryRow(ctx, "SELECT after_json FROM audit_log WHERE seq = 5").Scan(&orig); err != nil {
			t.Fatal(err)
		}
		exec("UPDATE audit_log SET after_json = ? WHERE seq = 5", `{"n":99}`)
		if v := verify(t, db); v.OK || v.BrokenSeq != 5 || v.Reason != sqlstore.AuditAltered || v.Checked != 4 {
			t.Errorf("after altering seq 5: %+v", v)
		}
		exec("UPDATE audit_log SET after_json = ? WHERE seq = 5", orig)
		if v := verify(t, db); !v.OK {
			t.Fatalf("after restoring seq 5: %+v", v)
		}
		// A NULL made "" is a change too.
		exec("UPDATE audit_log SET region_code = '' WHERE seq = 2")
		if v := verify(t, db); v.OK || v.BrokenSeq != 2 || v.Reason != sqlstore.AuditAltered {
			t.Errorf("after setting a NULL region to '': %+v", v)
		}
		exec("UPDATE audit_log SET region_code = NULL WHERE seq = 2")

		// Removed: deleting seq 6 leaves a gap there.
		exec("DELETE FROM audit_log WHERE seq = 6")
		if v := verify(t, db); v.OK || v.BrokenSeq != 6 || v.Reason != sqlstore.AuditRemoved || v.Checked != 5 {
			t.Errorf("after removing seq 6: %+v", v)
		}
		// Renumbering to hide the gap breaks the link instead.
		exec("UPDATE audit_log SET seq = seq - 1 WHERE seq > 6")
		if v := verify(t, db); v.OK || v.BrokenSeq != 6 || v.Reason != sqlstore.AuditRemoved {
			t.Errorf("after renumbering: %+v", v)
		}
	})
}

func TestAuditTruncated(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clock := fixture(t, db)
		appendN(t, db, clock, 6)
		if _, err := db.Exec(ctx, "DELETE FROM audit_log WHERE seq = 6"); err != nil {
			t.Fatal(err)
		}
		if v := verify(t, db); v.OK || v.BrokenSeq != 6 || v.Reason != sqlstore.AuditTruncated || v.Checked != 5 {
			t.Errorf("after deleting the last record: %+v", v)
		}
		// Deleting everything is truncation from seq 1.
		if _, err := db.Exec(ctx, "DELETE FROM audit_log"); err != nil {
			t.Fatal(err)
		}
		if v := verify(t, db); v.OK || v.BrokenSeq != 1 || v.Reason != sqlstore.AuditTruncated {
			t.Errorf("after deleting all records: %+v", v)
		}
	})
}

func TestAuditConcurrent(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		const workers, each = 4, 25
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for w := range workers {
			wg.Go(func() {
				for i := range each {
					errs <- db.AppendAudit(ctx, sqlstore.AuditMeta{Actor: access.Actor{UserID: int64(w + 1), Name: "w"}},
						sqlstore.AuditEntry{Action: "login.success", ObjectKind: "user", ObjectID: fmt.Sprint(w, "-", i)})
				}
			})
		}
		// Verifying while appends run must not report a break.
		for range 3 {
			if v := verify(t, db); !v.OK {
				t.Errorf("verify during appends: %+v", v)
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if v := verify(t, db); !v.OK || v.Checked != workers*each {
			t.Errorf("after concurrent appends: %+v", v)
		}
		var n, lo, hi int64
		if err := db.QueryRow(ctx, "SELECT COUNT(*), MIN(seq), MAX(seq) FROM audit_log").Scan(&n, &lo, &hi); err != nil {
			t.Fatal(err)
		}
		if n != workers*each || lo != 1 || hi != workers*each {
			t.Errorf("seqs: %d rows from %d to %d, want 1..%d", n, lo, hi, workers*each)
		}
	})
}

func TestAuditRead(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clock := fixture(t, db)
		appendN(t, db, clock, 9) // even i: user.update in 32, 35.78, 32.73, 32, 35.78
		recs, err := db.AuditHistory(ctx, national, "user", "0", 0)
		if err != nil {
			t.Fatal(err)
		}
		var seqs []int64
		for _, r := range recs {
			seqs = append(seqs, r.Seq)
		}
		if fmt.Sprint(seqs) != "[7 4 1]" {
			t.Errorf("history of user 0 = seqs %v, want [7 4 1]", seqs)
		}
		r := recs[2]
		if r.Action != "user.update" || r.Region != "32" || r.ActorID != 1 || r.ActorName != "admin" ||
			!r.At.Equal(t0) || r.PrevHash != "" || len(r.Hash) != 64 || string(r.Before) != `{"n":0}` {
			t.Errorf("record 1 = %+v", r)
		}
		if r := recs[1]; r.ActorID != 0 || r.Region != "" || r.Before != nil || r.After != nil ||
			!r.At.Equal(t0.Add(3*1500*time.Millisecond)) {
			t.Errorf("record 4 = %+v", r)
		}

		for _, tc := range []struct {
			scope access.Scope
			f     sqlstore.AuditFilter
			want  string
			total int
		}{
			{national, sqlstore.AuditFilter{}, "[9 8 7 6 5 4 3 2 1]", 9},
			{prov32, sqlstore.AuditFilter{}, "[7 5 1]", 3}, // 32 and 32.73
			{city3273, sqlstore.AuditFilter{}, "[5]", 1},
			{access.Scope{Prefix: "35"}, sqlstore.AuditFilter{}, "[9 3]", 2},
			{access.Scope{OrgID: 1}, sqlstore.AuditFilter{}, "[]", 0},
			{national, sqlstore.AuditFilter{Action: "login.success"}, "[8 6 4 2]", 4},
			{national, sqlstore.AuditFilter{ActorID: 3}, "[3]", 1},
			{national, sqlstore.AuditFilter{ObjectKind: "org"}, "[]", 0},
			{national, sqlstore.AuditFilter{Limit: 3, Offset: 2}, "[7 6 5]", 9},
		} {
			recs, total, err := db.AuditList(ctx, tc.scope, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			seqs := []int64{}
			for _, r := range recs {
				seqs = append(seqs, r.Seq)
			}
			if fmt.Sprint(seqs) != tc.want || total != tc.total {
				t.Errorf("AuditList(%+v, %+v) = %v of %d, want %s of %d", tc.scope, tc.f, seqs, total, tc.want, tc.total)
			}
		}
		err = db.AppendAudit(ctx, admin, sqlstore.AuditEntry{ObjectKind: "user"})
		wantCode(t, err, jalin.EInvalid, "audit.entry_incomplete", "")
		err = db.AppendAudit(ctx, admin, sqlstore.AuditEntry{Action: "x", ObjectKind: "y", After: func() {}})
		wantCode(t, err, jalin.EInternal, "", "")
		if v := verify(t, db); !v.OK || v.Checked != 9 {
			t.Errorf("after refused appends: %+v", v)
		}
	})
}

func BenchmarkAppendAudit(b *testing.B) {
	for _, engine := range sqlstoretest.Engines {
		b.Run(engine, func(b *testing.B) {
			db := sqlstoretest.Open(b, engine)
			ctx := context.Background()
			meta := sqlstore.AuditMeta{Actor: access.Actor{UserID: 1, Name: "admin"}, IP: "192.0.2.1"}
			e := sqlstore.AuditEntry{Action: "user.update", ObjectKind: "user", ObjectID: "1", Region: "32",
				Before: map[string]any{"display_name": "A"}, After: map[string]any{"display_name": "B"}}
			for b.Loop() {
				if err := db.AppendAudit(ctx, meta, e); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
