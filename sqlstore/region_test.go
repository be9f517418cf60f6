package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// levelCounts returns the number of stored regions per level.
func levelCounts(t *testing.T, db *sqlstore.DB) [4]int {
	t.Helper()
	rows, err := db.Query(context.Background(), "SELECT level, COUNT(*) FROM region GROUP BY level")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got [4]int
	for rows.Next() {
		var lvl, n int
		if err := rows.Scan(&lvl, &n); err != nil {
			t.Fatal(err)
		}
		got[lvl-1] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

func regionName(t *testing.T, db *sqlstore.DB, code string) string {
	t.Helper()
	var name string
	if err := db.QueryRow(context.Background(), "SELECT name FROM region WHERE code = ?", code).Scan(&name); err != nil {
		t.Fatalf("region %s: %v", code, err)
	}
	return name
}

func TestLoadRegions(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		counts := [4]int{3, 10, 40, 200}
		regions := sqlstoretest.Regions(counts)
		if err := db.LoadRegions(ctx, regions, "v1"); err != nil {
			t.Fatal(err)
		}
		if got := levelCounts(t, db); got != counts {
			t.Errorf("counts per level %v, want %v", got, counts)
		}
		if v, _ := db.RegionVersion(ctx); v != "v1" {
			t.Errorf("RegionVersion = %q", v)
		}

		// Same version: a no-op, even though the slice now differs.
		changed := slices.Clone(regions)
		changed[0].Name = "Renamed"
		if err := db.LoadRegions(ctx, changed, "v1"); err != nil {
			t.Fatal(err)
		}
		if got := regionName(t, db, changed[0].Code); got == "Renamed" {
			t.Error("second load of the same version changed a name")
		}
		// A new version applies the change.
		if err := db.LoadRegions(ctx, changed, "v2"); err != nil {
			t.Fatal(err)
		}
		if got := regionName(t, db, changed[0].Code); got != "Renamed" {
			t.Errorf("name after v2 = %q", got)
		}
	})
}

func TestLoadRegionsRemoval(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		regions := sqlstoretest.Regions([4]int{2, 4, 8, 0})
		if err := db.LoadRegions(ctx, regions, "v1"); err != nil {
			t.Fatal(err)
		}
		// 11.01 and its two districts are referenced by a boundary.
		if _, err := db.ReplaceGeo(ctx, &geo.Dataset{Boundaries: []geo.Boundary{
			{Code: "11.01.01", Geometry: []byte(`{"type":"Polygon","coordinates":[]}`)},
		}}, "test"); err != nil {
			t.Fatal(err)
		}
		without := func(prefix string) []region.Region {
			return slices.DeleteFunc(slices.Clone(regions), func(r region.Region) bool {
				return r.Code == prefix || len(r.Code) > len(prefix) && r.Code[:len(prefix)+1] == prefix+"."
			})
		}

		err := db.LoadRegions(ctx, without("11.01"), "v2")
		if jalin.ErrorCode(err) != jalin.EConflict {
			t.Fatalf("removing a referenced region: %v, want EConflict", err)
		}
		if v, _ := db.RegionVersion(ctx); v != "v1" {
			t.Errorf("version after refused load = %q, want v1", v)
		}
		if got := levelCounts(t, db); got != [4]int{2, 4, 8, 0} {
			t.Errorf("counts after refused load %v", got)
		}

		// An unreferenced regency goes, with its districts.
		if err := db.LoadRegions(ctx, without("12.01"), "v3"); err != nil {
			t.Fatal(err)
		}
		if got := levelCounts(t, db); got != [4]int{2, 3, 6, 0} {
			t.Errorf("counts after removal %v, want [2 3 6 0]", got)
		}

		// A parent that does not exist is the input's fault.
		bad := append(slices.Clone(regions), region.Region{Code: "99.01", Name: "X", Level: 2, Kind: region.KindKota, Parent: "99"})
		if err := db.LoadRegions(ctx, bad, "v4"); jalin.ErrorCode(err) != jalin.EInvalid {
			t.Errorf("unknown parent: %v, want EInvalid", err)
		}
	})
}

// TestLoadRegionsReference loads the embedded reference itself: every
// level must arrive whole.
func TestLoadRegionsReference(t *testing.T) {
	t.Parallel()
	dir, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if err := db.LoadRegions(ctx, dir.All(), "ref"); err != nil {
			t.Fatal(err)
		}
		var want [4]int
		for i := range want {
			want[i] = dir.Count(region.Level(i + 1))
		}
		if got := levelCounts(t, db); got != want {
			t.Errorf("counts per level %v, want %v", got, want)
		}
		if err := db.LoadRegions(ctx, dir.All(), "ref"); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkLoadRegions measures loading 91,599 regions into an empty
// database ("fresh") and reloading them under a new version with nothing
// changed ("reload").
func BenchmarkLoadRegions(b *testing.B) {
	regions := sqlstoretest.Regions(sqlstoretest.FullCounts)
	ctx := context.Background()
	for _, engine := range sqlstoretest.Engines {
		b.Run(engine+"/fresh", func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				db := sqlstoretest.Open(b, engine)
				b.StartTimer()
				if err := db.LoadRegions(ctx, regions, "v1"); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(engine+"/reload", func(b *testing.B) {
			db := sqlstoretest.Open(b, engine)
			if err := db.LoadRegions(ctx, regions, "v0"); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := range b.N {
				if err := db.LoadRegions(ctx, regions, fmt.Sprint("v", i+1)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
