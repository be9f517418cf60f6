package sqlstore_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/analysis"
	"github.com/jalin-ksd/jalin/bps"
	"github.com/jalin-ksd/jalin/internal/realdata"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// econDir loads the provinces and regencies of the real reference into db
// (what econ_value's codes are checked against) and returns the directory.
func econDir(t *testing.T, db *sqlstore.DB) *region.Directory {
	t.Helper()
	dir, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	var upper []region.Region
	for _, r := range dir.All() {
		if r.Level <= region.Regency {
			upper = append(upper, r)
		}
	}
	if err := db.LoadRegions(context.Background(), upper, "t"); err != nil {
		t.Fatal(err)
	}
	return dir
}

func luRow(reg, sector string, year int, v float64) bps.Row {
	ind := bps.IndLUTotal
	if sector != "" {
		ind = bps.IndLUPrefix + sector
	}
	return bps.Row{Region: reg, Indicator: ind, Year: year, Value: v, Unit: bps.UnitMiliar, File: "t.csv"}
}

func popRow(reg string, year int, v float64) bps.Row {
	return bps.Row{Region: reg, Indicator: bps.IndPopulation, Year: year, Value: v, Unit: bps.UnitPersons, File: "p.csv"}
}

// econFixture: Jawa Barat, Kota Bandung and Kabupaten Bandung, and the
// nation, sectors A and C with their total, 2019–2020; population of the
// two regencies. One finding marks Kota Bandung's A in 2020 as suspect.
func econFixture() ([]bps.Row, []bps.Finding) {
	var rows []bps.Row
	for _, y := range []int{2019, 2020} {
		f := float64(y - 2018)
		for _, reg := range []struct {
			code string
			a, c float64
		}{{"00", 1000, 3000}, {"32", 100, 300}, {"32.04", 20, 50}, {"32.73", 1, 60}} {
			rows = append(rows, luRow(reg.code, "A", y, reg.a*f), luRow(reg.code, "C", y, reg.c*f), luRow(reg.code, "", y, (reg.a+reg.c)*f))
		}
		rows = append(rows, popRow("32.04", y, 3_600_000), popRow("32.73", y, 2_500_000))
	}
	for i := range rows {
		rows[i].Line = i + 2
	}
	fs := []bps.Finding{
		{File: "t.csv", Line: 99, Region: "32.73", Indicator: bps.IndLUPrefix + "A", Year: 2020, Kind: bps.KindJump,
			Severity: bps.ExcludeSuggested, Detail: "made up"},
		{File: "t.csv", Line: 3, Region: "00", Indicator: "pdrb_adhk_lu:*", Year: 2019, Kind: bps.KindNationalNetTaxes,
			Severity: bps.Info, Detail: "info only"},
	}
	return rows, fs
}

func TestImportEcon(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		econDir(t, db)
		if v, err := db.EconVersion(ctx); err != nil || v != "" {
			t.Fatalf("empty store: version %q, %v", v, err)
		}
		rows, fs := econFixture()
		meta := sqlstore.AuditMeta{Actor: access.Actor{UserID: -1, Name: "analis", Role: access.NationalAnalyst}, IP: "test"}
		imp, err := db.ImportEcon(ctx, rows, fs, "t.csv p.csv", meta)
		if err != nil {
			t.Fatal(err)
		}
		if imp.ID != 1 || imp.RowsKept != len(rows)-1 || imp.RowsExcluded != 1 || imp.Replaced != 0 ||
			imp.CrosswalkVersion != bps.CrosswalkVersion || imp.ActorName != "analis" {
			t.Errorf("import %+v", imp)
		}
		v1, _ := db.EconVersion(ctx)
		if v1 == "" {
			t.Error("no version after an import")
		}

		got, err := db.EconRows(ctx, []string{bps.IndLUPrefix}, 2020, 2020)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 7 { // 4 regions × 2 sectors, less the suspect one
			t.Errorf("EconRows(lu:, 2020) = %d rows: %+v", len(got), got)
		}
		for _, r := range got {
			if r.Region == "32.73" && r.Indicator == bps.IndLUPrefix+"A" {
				t.Errorf("suspect row stored: %+v", r)
			}
		}
		want := bps.Row{Region: "32.04", Indicator: bps.IndLUPrefix + "C", Year: 2020, Value: 100, Unit: bps.UnitMiliar}
		if got[5] != want {
			t.Errorf("EconRows[5] = %+v, want %+v", got[5], want)
		}
		if all, _ := db.EconRows(ctx, nil, 0, 0); len(all) != imp.RowsKept {
			t.Errorf("EconRows(all) = %d rows, want %d", len(all), imp.RowsKept)
		}
		if pop, _ := db.EconRows(ctx, []string{bps.IndPopulation, bps.IndLUTotal}, 2019, 0); len(pop) != 4+8 {
			t.Errorf("EconRows(population, total) = %d rows, want 12", len(pop))
		}

		// A second import of one table-year replaces just that.
		again := []bps.Row{luRow("32", "A", 2020, 7), luRow("32.04", "A", 2020, 8)}
		imp2, err := db.ImportEcon(ctx, again, nil, "fix.csv", meta)
		if err != nil {
			t.Fatal(err)
		}
		if imp2.ID != 2 || imp2.Replaced != 3 || imp2.RowsKept != 2 {
			t.Errorf("second import %+v", imp2)
		}
		a2020, _ := db.EconRows(ctx, []string{bps.IndLUPrefix + "A"}, 2020, 2020)
		if len(a2020) != 2 || a2020[0].Value != 7 || a2020[1].Value != 8 {
			t.Errorf("A 2020 after the second import: %+v", a2020)
		}
		if all, _ := db.EconRows(ctx, nil, 0, 0); len(all) != imp.RowsKept-3+2 {
			t.Errorf("after the second import %d rows, want %d", len(all), imp.RowsKept-1)
		}
		v2, _ := db.EconVersion(ctx)
		if v2 == v1 {
			t.Errorf("version unchanged by an import: %q", v2)
		}

		imps, err := db.EconImports(ctx, 10)
		if err != nil || len(imps) != 2 {
			t.Fatalf("EconImports: %d, %v", len(imps), err)
		}
		imp.Replaced = 0
		if !reflect.DeepEqual(imps[1], imp) {
			t.Errorf("EconImports[1] = %+v\nwant %+v", imps[1], imp)
		}
		recs, _, err := db.AuditList(ctx, access.Scope{All: true}, sqlstore.AuditFilter{Action: "econ.import"})
		if err != nil || len(recs) != 2 {
			t.Fatalf("audit: %d records, %v", len(recs), err)
		}
		if audit, err := db.VerifyAudit(ctx); err != nil || !audit.OK {
			t.Errorf("audit chain %+v %v", audit, err)
		}
	})
}

// TestImportEconAllOrNothing: an import that fails on its last statement
// (the audit append) or on invalid rows leaves the stored data as it was.
func TestImportEconAllOrNothing(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		econDir(t, db)
		rows, fs := econFixture()
		if _, err := db.ImportEcon(ctx, rows, fs, "t.csv", sqlstore.AuditMeta{}); err != nil {
			t.Fatal(err)
		}
		before, _ := db.EconRows(ctx, nil, 0, 0)
		version, _ := db.EconVersion(ctx)

		bad := func(mut func(r *bps.Row)) []bps.Row {
			rs := []bps.Row{luRow("32", "A", 2019, 1), luRow("32.04", "A", 2019, 2)}
			mut(&rs[1])
			return rs
		}
		cases := map[string][]bps.Row{
			"unknown region": bad(func(r *bps.Row) { r.Region = "99.99" }),
			"district":       bad(func(r *bps.Row) { r.Region = "32.04.01" }),
			"indicator":      bad(func(r *bps.Row) { r.Indicator = "pdrb_adhk_lu:Z" }),
			"unit":           bad(func(r *bps.Row) { r.Unit = bps.UnitJuta }),
			"not finite":     bad(func(r *bps.Row) { r.Value = math.NaN() }),
			"duplicate":      bad(func(r *bps.Row) { r.Region = "32" }),
			"empty":          {},
		}
		for name, rs := range cases {
			_, err := db.ImportEcon(ctx, rs, nil, "bad.csv", sqlstore.AuditMeta{})
			if jalin.ErrorCode(err) != jalin.EInvalid {
				t.Errorf("%s: %v, want EInvalid", name, err)
			}
		}

		// Force a failure after the values were replaced: the audit head
		// is gone, so the append at the end of the transaction fails.
		if _, err := db.Exec(ctx, "DELETE FROM audit_head"); err != nil {
			t.Fatal(err)
		}
		changed := []bps.Row{luRow("32", "A", 2019, 42), luRow("32", "C", 2020, 43)}
		if _, err := db.ImportEcon(ctx, changed, nil, "x.csv", sqlstore.AuditMeta{}); err == nil {
			t.Fatal("import without an audit head succeeded")
		}
		after, _ := db.EconRows(ctx, nil, 0, 0)
		if !reflect.DeepEqual(after, before) {
			t.Errorf("a failed import changed the values: %d rows before, %d after", len(before), len(after))
		}
		if v, _ := db.EconVersion(ctx); v != version {
			t.Errorf("a failed import changed the version: %q, want %q", v, version)
		}
		if imps, _ := db.EconImports(ctx, 0); len(imps) != 1 {
			t.Errorf("%d imports after a failed one, want 1", len(imps))
		}
	})
}

func TestEconPanel(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		dir := econDir(t, db)
		rows, fs := econFixture()
		// Kalimantan Utara with the population of all its regencies, so
		// that the province's population is their sum.
		for _, r := range dir.Children("65") {
			for _, y := range []int{2019, 2020} {
				rows = append(rows, popRow(r.Code, y, 100_000))
			}
		}
		if _, err := db.ImportEcon(ctx, rows, fs, "t.csv", sqlstore.AuditMeta{}); err != nil {
			t.Fatal(err)
		}

		p, err := db.EconPanel(ctx, region.Regency, 2019, 2020, dir)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p.Regions, []string{"32.04", "32.73"}) || !reflect.DeepEqual(p.Sectors, []string{"A", "C"}) ||
			!reflect.DeepEqual(p.Years, []int{2019, 2020}) || p.ReferenceKind != analysis.RefPublished {
			t.Fatalf("regency panel: regions %v sectors %v years %v reference %s", p.Regions, p.Sectors, p.Years, p.ReferenceKind)
		}
		if ref := p.ReferenceOf("32.73"); ref != "32" {
			t.Errorf("reference of 32.73: %q", ref)
		}
		if v := p.ReferenceValue("32", "C", 2020); v != 600 {
			t.Errorf("reference value of 32, C, 2020: %g (the published row), want 600", v)
		}
		if v := p.Value("32.73", "A", 2020); !math.IsNaN(v) {
			t.Errorf("the excluded value reads %g, want NaN", v)
		}
		if v := p.Population("32.04", 2020); v != 3_600_000 {
			t.Errorf("population of 32.04: %g", v)
		}
		if v := p.Total("32.04", 2019); v != 70 {
			t.Errorf("total of 32.04 in 2019: %g, want the sector sum 70", v)
		}

		pp, err := db.EconPanel(ctx, region.Province, 2019, 2020, dir)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(pp.Regions, []string{"32"}) || pp.ReferenceOf("32") != bps.NationalCode {
			t.Errorf("province panel: regions %v, reference %q", pp.Regions, pp.ReferenceOf("32"))
		}
		if v := pp.ReferenceValue(bps.NationalCode, "A", 2019); v != 1000 {
			t.Errorf("national A 2019: %g", v)
		}

		// Population summed from all regencies, only where all are there.
		if _, err := db.ImportEcon(ctx, []bps.Row{luRow("65", "A", 2019, 10), luRow("65", "C", 2019, 20)}, nil, "k.csv", sqlstore.AuditMeta{}); err != nil {
			t.Fatal(err)
		}
		pp, err = db.EconPanel(ctx, region.Province, 2019, 2020, dir)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(dir.Children("65")); pp.Population("65", 2019) != float64(n)*100_000 {
			t.Errorf("population of 65: %g, want the sum of its %d regencies", pp.Population("65", 2019), n)
		}
		if v := pp.Population("32", 2019); !math.IsNaN(v) {
			t.Errorf("population of 32 with 2 of its regencies: %g, want NaN", v)
		}

		if _, err := db.EconPanel(ctx, region.District, 2019, 2020, dir); jalin.ErrorCode(err) != jalin.EInvalid {
			t.Errorf("district panel: %v", err)
		}
	})
}

// TestEconPanelFormerPapua: regencies of the 2022 Papua provinces, with no
// province row, are compared with their pre-2022 province rebuilt as the
// sum of its regencies (of Papua and Papua Selatan here, both once BPS 94),
// but only in the years every one of them has a value.
func TestEconPanelFormerPapua(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		dir := econDir(t, db)
		rows := []bps.Row{
			luRow("91.71", "A", 2019, 10), luRow("91.71", "C", 2019, 30), popRow("91.71", 2019, 400),
			luRow("93.01", "A", 2019, 50), luRow("93.01", "C", 2019, 10), popRow("93.01", 2019, 200),
			luRow("92.02", "A", 2019, 7), luRow("92.02", "C", 2019, 3),
			luRow("91.71", "A", 2020, 11), luRow("91.71", "C", 2020, 31), // 93.01 has no 2020
			luRow("32.04", "A", 2019, 5), luRow("32.04", "C", 2019, 5), // Jawa Barat has no row either
		}
		if _, err := db.ImportEcon(ctx, rows, nil, "papua.csv", sqlstore.AuditMeta{}); err != nil {
			t.Fatal(err)
		}
		p, err := db.EconPanel(ctx, region.Regency, 2019, 2020, dir)
		if err != nil {
			t.Fatal(err)
		}
		for code, want := range map[string]string{"91.71": "bps:94", "93.01": "bps:94", "92.02": "bps:91", "32.04": "32"} {
			if got := p.ReferenceOf(code); got != want {
				t.Errorf("reference of %s: %q, want %q", code, got, want)
			}
		}
		if v := p.ReferenceValue("bps:94", "A", 2019); v != 60 {
			t.Errorf("former Papua, A, 2019: %g, want 10 + 50", v)
		}
		if v := p.ReferenceTotal("bps:94", 2019); v != 100 {
			t.Errorf("former Papua's total 2019: %g, want 100", v)
		}
		if v := p.ReferenceValue("bps:94", "A", 2020); !math.IsNaN(v) {
			t.Errorf("former Papua, A, 2020 with one of two regencies: %g, want NaN", v)
		}
		if v := p.ReferenceValue("bps:91", "C", 2019); v != 3 {
			t.Errorf("former Papua Barat, C, 2019: %g", v)
		}
		if v := p.ReferenceValue("32", "A", 2019); !math.IsNaN(v) {
			t.Errorf("Jawa Barat without its row: %g, want NaN (never a sum outside Papua)", v)
		}
		lq, err := analysis.LQ(p, 2019, 0)
		if err != nil {
			t.Fatal(err)
		}
		if v, _, _ := lq.LQ.Get("93.01", "A"); math.Abs(v-(50.0/60)/(60.0/100)) > 1e-12 {
			t.Errorf("LQ of 93.01 in A: %g", v)
		}
	})
}

// realLU reads the real business-field table of the shared data (see
// internal/realdata) against the real region reference, with the findings
// of reading and checking it; it skips when the file is absent.
func realLU(tb testing.TB) (*region.Directory, []bps.Row, []bps.Finding) {
	tb.Helper()
	base := realdata.Dir(tb, filepath.Join("economy", realdata.FileLU))
	f, err := os.Open(filepath.Join(base, "economy", realdata.FileLU))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	dir, err := region.Load()
	if err != nil {
		tb.Fatal(err)
	}
	cw, err := bps.NewCrosswalk(dir)
	if err != nil {
		tb.Fatal(err)
	}
	rows, fs, err := bps.Read(cw, f, realdata.FileLU)
	if err != nil {
		tb.Fatal(err)
	}
	return dir, rows, append(fs, bps.Check(rows)...)
}

// TestImportEconRealFile imports the real business-field table (about 79k
// rows) without its suspect rows, logs how long the store takes, and builds
// the panels of both levels from it.
func TestImportEconRealFile(t *testing.T) {
	dir, rows, fs := realLU(t)
	const name = realdata.FileLU
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		econDir(t, db)
		for round := 1; round <= 2; round++ {
			start := time.Now()
			imp, err := db.ImportEcon(ctx, rows, fs, name, sqlstore.AuditMeta{})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("import %d of %d rows: %d kept, %d excluded, %d replaced in %v",
				round, len(rows), imp.RowsKept, imp.RowsExcluded, imp.Replaced, time.Since(start).Round(time.Millisecond))
			if round == 2 && imp.Replaced != imp.RowsKept {
				t.Errorf("second import replaced %d values, want %d", imp.Replaced, imp.RowsKept)
			}
		}
		start := time.Now()
		p, err := db.EconPanel(ctx, region.Regency, 2013, 2020, dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("regency panel in %v", time.Since(start).Round(time.Millisecond))
		if len(p.Regions) != 514 || len(p.Sectors) != 17 || len(p.Years) != 8 {
			t.Errorf("regency panel: %d regions, %d sectors, %d years", len(p.Regions), len(p.Sectors), len(p.Years))
		}
		if v := p.Value("35.22", "B", 2014); !math.IsNaN(v) {
			t.Errorf("Bojonegoro B 2014 (lost decimal point) reads %g", v)
		}
		pp, err := db.EconPanel(ctx, region.Province, 2013, 2020, dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(pp.Regions) != 32 || pp.ReferenceOf("32") != bps.NationalCode {
			t.Errorf("province panel: %d regions, reference %q", len(pp.Regions), pp.ReferenceOf("32"))
		}
	})
}

// BenchmarkImportEconReal writes the real business-field table (about 79k
// rows, its suspect rows set aside) in one transaction, replacing the
// previous import's values each time after the first:
//
//	JALIN_SHARED_DATA=../shared/data go test ./sqlstore -run '^$' -bench ImportEconReal -benchtime 3x
func BenchmarkImportEconReal(b *testing.B) {
	dir, rows, fs := realLU(b)
	const name = realdata.FileLU
	for _, engine := range sqlstoretest.Engines {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			db := sqlstoretest.Open(b, engine)
			var upper []region.Region
			for _, r := range dir.All() {
				if r.Level <= region.Regency {
					upper = append(upper, r)
				}
			}
			if err := db.LoadRegions(ctx, upper, "b"); err != nil {
				b.Fatal(err)
			}
			kept := 0
			for b.Loop() {
				imp, err := db.ImportEcon(ctx, rows, fs, name, sqlstore.AuditMeta{})
				if err != nil {
					b.Fatal(err)
				}
				kept = imp.RowsKept
			}
			b.ReportMetric(float64(kept), "rows")
		})
	}
}
