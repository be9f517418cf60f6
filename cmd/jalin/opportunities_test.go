package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/bps"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// seedOpportunities imports a tiny canonical GRDP table (West Java, sectors
// A and C, 2019–2020) and the seats and points of Bandung.
func seedOpportunities(t *testing.T, env map[string]string) {
	t.Helper()
	if code, _, errs := runJalin(t, env, "migrate"); code != 0 {
		t.Fatalf("migrate: %d %s", code, errs)
	}
	db := openDB(t, env)
	defer db.Close()
	ctx := context.Background()
	var rows []bps.Row
	for _, y := range []int{2019, 2020} {
		for _, r := range []struct {
			code string
			a, c float64
		}{{"32", 100, 300}, {"32.04", 40, 12}, {"32.73", 10, 40}, {"32.17", 20, 20}} {
			rows = append(rows,
				bps.Row{Region: r.code, Indicator: bps.IndLUPrefix + "A", Year: y, Value: r.a, Unit: bps.UnitMiliar},
				bps.Row{Region: r.code, Indicator: bps.IndLUPrefix + "C", Year: y, Value: r.c, Unit: bps.UnitMiliar})
		}
	}
	for i := range rows {
		rows[i].Line, rows[i].File = i+2, "t.csv"
	}
	if _, err := db.ImportEcon(ctx, rows, nil, "t.csv", sqlstore.AuditMeta{Actor: access.Actor{Name: "test"}}); err != nil {
		t.Fatal(err)
	}
	ds := &geo.Dataset{
		Points: []geo.Point{
			{Code: "32.73", Lon: 107.6, Lat: -6.91, Kind: "capital-seat"},
			{Code: "32.04", Lon: 107.53, Lat: -7.03, Kind: "capital-seat"},
			{Code: "32.04.05", Lon: 107.59, Lat: -6.93, Kind: "centroid"},
			{Code: "32.04.05.2001", Lon: 107.595, Lat: -6.935, Kind: "point-on-surface"},
		},
		// 32.04 and 32.17 are both base regions for A (LQ 3.08 and 2), and
		// border each other: one potential cluster.
		Adjacency: []geo.Adjacency{{A: "32.04", B: "32.73", SharedBorderKm: 40}, {A: "32.04", B: "32.17", SharedBorderKm: 30}},
	}
	if _, err := db.ReplaceGeo(ctx, ds, "test"); err != nil {
		t.Fatal(err)
	}
}

func TestOpportunitiesCommand(t *testing.T) {
	for name, envFor := range engines(t) {
		t.Run(name, func(t *testing.T) {
			env := envFor(t)
			seedOpportunities(t, env)

			code, out, errs := runJalin(t, env, "opportunities", "partners", "--region", "32.73", "--limit", "3")
			if code != 0 {
				t.Fatalf("partners: %d %s", code, errs)
			}
			var got []map[string]any
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if len(got) != 3 || got[0]["partner"] != "32.04" || !strings.Contains(got[0]["explanation"].(string), "it borders you") {
				t.Errorf("partners: %s", out)
			}

			code, out, errs = runJalin(t, env, "opportunities", "partners", "--region", "32.73", "--sector", "C", "--limit", "2", "--format", "csv")
			if code != 0 || !strings.HasPrefix(out, "rank,partner,name,score,complementarity") || !strings.Contains(out, "Kabupaten Bandung") ||
				strings.Count(out, "\n") != 3 {
				t.Errorf("partners csv: %d %s %s", code, out, errs)
			}

			code, out, errs = runJalin(t, env, "opportunities", "access", "--region", "32.73", "--format", "csv")
			if code != 0 || !strings.Contains(out, "incoming,32.04,Kabupaten Bandung,32.73,Kota Bandung,1,1") {
				t.Errorf("access: %d %s %s", code, out, errs)
			}

			code, out, errs = runJalin(t, env, "opportunities", "clusters", "--basis", "base", "--format", "csv")
			if code != 0 || !strings.HasPrefix(out, "id,year,sector,basis,members") ||
				!strings.Contains(out, "A.base.32.04,2020,A,base,2,32.04 32.17,Kabupaten Bandung; Kabupaten Bandung Barat,32,false,92,0,") {
				t.Errorf("clusters: %d %s %s", code, out, errs)
			}
			code, out, _ = runJalin(t, env, "opportunities", "clusters", "--region", "32.73")
			if code != 0 || strings.TrimSpace(out) != "[]" {
				t.Errorf("clusters of 32.73: %d %s", code, out)
			}

			db := openDB(t, env)
			_, err := db.CreateCooperation(context.Background(), cooperation.Cooperation{Title: "Sampah Bandung Raya", Kind: cooperation.KindSukarela,
				Stage: cooperation.Pelaksanaan, RuleVersion: cooperation.Defaults().Version, Parties: []cooperation.Party{
					{Kind: cooperation.PartyRegion, Region: "32.73", Name: "Kota Bandung", Initiator: true},
					{Kind: cooperation.PartyRegion, Region: "32.04", Name: "Kabupaten Bandung"}}},
				sqlstore.AuditMeta{Actor: access.Actor{Name: "test"}})
			db.Close()
			if err != nil {
				t.Fatal(err)
			}
			code, out, errs = runJalin(t, env, "opportunities", "network", "--province", "32", "--format", "csv")
			if code != 0 || !strings.Contains(out, "32.04,Kabupaten Bandung,32.73,Kota Bandung,active,1,Sampah Bandung Raya,ksdd_sukarela,active,,") ||
				!strings.Contains(out, "32.17,Kabupaten Bandung Barat,,,none") || strings.Contains(out, "32.73,Kota Bandung,,,none") ||
				!strings.Contains(errs, "1 links; 25 regencies/cities") {
				t.Errorf("network: %d %s %s", code, out, errs)
			}
			code, out, _ = runJalin(t, env, "opportunities", "network", "--state", "expired")
			var rows []map[string]any
			if err := json.Unmarshal([]byte(out), &rows); code != 0 || err != nil || len(rows) != 514 {
				t.Errorf("network of expired cooperations: %d, %d rows, %v", code, len(rows), err)
			}

			for _, bad := range [][]string{
				{"opportunities"},
				{"opportunities", "clusters", "--basis", "hh"},
				{"opportunities", "clusters", "--region", "32"},
				{"opportunities", "clusters", "--sector", "ZZ"},
				{"opportunities", "network", "--state", "done"},
				{"opportunities", "network", "--province", "32.73"},
				{"opportunities", "bogus"},
				{"opportunities", "partners", "--region", "32"},
				{"opportunities", "partners", "--region", "32.73", "--limit", "0"},
				{"opportunities", "access", "--region", "32.73", "--format", "xml"},
			} {
				if code, _, errs := runJalin(t, env, bad...); code != exitUsage || errs == "" {
					t.Errorf("%v: %d %q", bad, code, errs)
				}
			}
		})
	}
}
