package demo

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/app"
	"github.com/jalin-ksd/jalin/config"
	co "github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/document"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// sharedData is the reference-data folder for the geography, "" when
// absent (the demo then uses its fixed neighbours).
func sharedData() string {
	for _, dir := range []string{os.Getenv("JALIN_SHARED_DATA"), filepath.Join("..", "..", "shared", "data")} {
		if st, err := os.Stat(filepath.Join(dir, "geo")); dir != "" && err == nil && st.IsDir() {
			return dir
		}
	}
	return ""
}

// demoApp is an App around db as app.Open prepares it, without a server.
func demoApp(t *testing.T, db *sqlstore.DB) *app.App {
	t.Helper()
	regions, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.LoadRegions(context.Background(), regions.All(), region.Version()); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.DataDir, cfg.SharedData = t.TempDir(), sharedData()
	return &app.App{Config: cfg, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Regions: regions, DB: db}
}

func TestLoadCooperations(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := demoApp(t, db)
		if err := Load(ctx, a); err != nil {
			t.Fatal(err)
		}
		// With the shared geography the guards judged the real adjacency.
		if st, err := db.GeoStats(ctx); a.Config.SharedData != "" && (err != nil || st.Adjacency == 0) {
			t.Errorf("shared geography at %s but no adjacency imported: %v", a.Config.SharedData, err)
		}
		all := access.Scope{All: true}
		list, n, err := db.ListCooperations(ctx, all, sqlstore.CoopFilter{Limit: 500})
		if err != nil || n < 15 {
			t.Fatalf("%d cooperations, %v", n, err)
		}
		audit, err := db.VerifyAudit(ctx)
		if err != nil || !audit.OK {
			t.Fatalf("audit chain: %+v %v", audit, err)
		}

		// A second run adds nothing: no cooperation, no audit record.
		if err := Load(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, again, _ := db.ListCooperations(ctx, all, sqlstore.CoopFilter{Limit: 1}); again != n {
			t.Errorf("second Load: %d cooperations, want %d", again, n)
		}
		if v, _ := db.VerifyAudit(ctx); v.Checked != audit.Checked || !v.OK {
			t.Errorf("second Load: audit %+v, want %d records", v, audit.Checked)
		}

		kinds, stages := map[co.Kind]int{}, map[co.Stage]int{}
		blobs, err := document.NewDirStore(filepath.Join(a.Config.DataDir, "blobs"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range list {
			kinds[c.Kind]++
			if !c.Kind.IsForeign() {
				stages[c.Stage]++
			}
			checkTimeline(t, db, c)
			docs, err := db.Documents(ctx, all, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if c.Stage != co.Persiapan && c.Stage != co.Prakarsa && c.Stage != co.Penjajakan && len(docs) == 0 {
				t.Errorf("%q in %s has no documents", c.Title, c.Stage)
			}
			for _, d := range docs {
				if ok, err := blobs.Exists(ctx, d.SHA256); !ok || err != nil || d.Kind != document.KindPDF {
					t.Errorf("%q: document %s (%s) not stored as a PDF: %v", c.Title, d.Type, d.Kind, err)
				}
			}
		}
		for _, k := range co.Kinds {
			if kinds[k] == 0 {
				t.Errorf("no cooperation of kind %s", k)
			}
		}
		for _, s := range []co.Stage{co.Persiapan, co.SiapDitawarkan, co.Penawaran, co.PenyusunanKB,
			co.KBDitandatangani, co.MenungguDPRD, co.PenyusunanPKS, co.Pelaksanaan, co.Berakhir, co.Ditolak,
			co.DitolakDPRD} {
			if stages[s] == 0 {
				t.Errorf("no domestic cooperation in stage %s", s)
			}
		}

		// The list's "expiring" filter, on the real clock again.
		if _, soon, err := db.ListCooperations(ctx, all, sqlstore.CoopFilter{ExpiringWithin: 90, Stage: co.Pelaksanaan}); err != nil || soon < 2 {
			t.Errorf("%d executing cooperations end within 90 days, want 2 or more (%v)", soon, err)
		}
		// A newcomer signing in as Kota Bandung's team, or as the
		// university, finds cooperations of his own.
		if _, mine, err := db.ListCooperations(ctx, access.Scope{Prefix: "32.73"}, sqlstore.CoopFilter{}); err != nil || mine < 5 {
			t.Errorf("Kota Bandung sees %d cooperations, want 5 or more (%v)", mine, err)
		}
		u, err := db.UserForLogin(ctx, "mitra.kampus")
		if err != nil {
			t.Fatal(err)
		}
		if _, mine, err := db.ListCooperations(ctx, access.Scope{OrgID: u.OrgID}, sqlstore.CoopFilter{Partner: "org:" + strconv.FormatInt(u.OrgID, 10)}); err != nil || mine < 1 {
			t.Errorf("the university is party to %d cooperations (%v)", mine, err)
		}
	})
}

// TestLoadCooperationsWithoutGeography: without imported adjacency the
// mandatory cooperations rest on the demo's fixed neighbours.
func TestLoadCooperationsWithoutGeography(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		a := demoApp(t, db)
		a.Config.SharedData = ""
		if a.Config.SharedDataDir() != "" {
			t.Skip("a shared data folder is found beside the checkout")
		}
		if err := Load(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		_, n, err := db.ListCooperations(context.Background(), access.Scope{All: true}, sqlstore.CoopFilter{Kind: co.KindWajib})
		if err != nil || n < 5 {
			t.Errorf("%d mandatory cooperations, %v", n, err)
		}
	})
}

// checkTimeline: the timeline starts with "create", numbers its events
// 1, 2, 3..., each starting where the previous one ended, in time order,
// and ends in the cooperation's stage.
func checkTimeline(t *testing.T, db *sqlstore.DB, c sqlstore.CoopSummary) {
	t.Helper()
	evs, err := db.CooperationEvents(context.Background(), access.Scope{All: true}, c.ID)
	if err != nil || len(evs) == 0 || evs[0].Type != "create" {
		t.Errorf("%q: timeline %v, %v", c.Title, evs, err)
		return
	}
	for i, e := range evs {
		if e.Seq != i+1 {
			t.Errorf("%q: event %d has seq %d", c.Title, i+1, e.Seq)
		}
		if i > 0 && (e.From != evs[i-1].To || e.At.Before(evs[i-1].At)) {
			t.Errorf("%q: event %d (%s %s→%s at %v) does not follow %s→%s at %v", c.Title, e.Seq, e.Type,
				e.From, e.To, e.At, evs[i-1].From, evs[i-1].To, evs[i-1].At)
		}
	}
	if last := evs[len(evs)-1]; last.To != c.Stage {
		t.Errorf("%q: timeline ends in %s, stage is %s", c.Title, last.To, c.Stage)
	}
}

func TestDemoPDF(t *testing.T) {
	data := demoPDF("Kerangka Acuan Kerja (KAK)", "Kota Bersaudara Bandung–Braunschweig: Zusammenarbeit für alle \\ (x)")
	f, err := document.Detect(bytes.NewReader(data), int64(len(data)))
	if err != nil || f.Kind != document.KindPDF {
		t.Fatalf("Detect: %+v %v", f, err)
	}
	if !bytes.Contains(data, []byte(`Bandung-Braunschweig: Zusammenarbeit fuer alle \\ \(x\)`)) {
		t.Errorf("text not escaped to ASCII:\n%s", data)
	}
}
