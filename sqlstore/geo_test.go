package sqlstore_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// geoFixture loads provinces 11 and 12 with regencies 11.01, 11.02, 12.01,
// 12.02 and returns a dataset over them.
func geoFixture(t *testing.T, db *sqlstore.DB) *geo.Dataset {
	t.Helper()
	if err := db.LoadRegions(context.Background(), sqlstoretest.Regions([4]int{2, 4, 0, 0}), "t"); err != nil {
		t.Fatal(err)
	}
	return &geo.Dataset{
		Boundaries: []geo.Boundary{
			{Code: "11", Geometry: []byte(`{"type":"Polygon","coordinates":[[[95,5],[96,5],[96,6],[95,5]]]}`), BBox: [4]float64{95, 5, 96, 6}},
			{Code: "12", Geometry: []byte(`{"type":"Polygon","coordinates":[[[97,2],[99,2],[99,4],[97,2]]]}`), BBox: [4]float64{97, 2, 99, 4}},
		},
		Points: []geo.Point{
			{Code: "11.01", Lon: 95.3, Lat: 5.5, Kind: "capital-seat"},
			{Code: "12.01", Lon: 98.6, Lat: 3.5, Kind: "centroid"},
		},
		Adjacency: []geo.Adjacency{
			{A: "11", B: "12", SharedBorderKm: 320.5},
			{A: "11.01", B: "11.02", SharedBorderKm: 12},
			{A: "11.02", B: "12.01"},
		},
		Unmatched: []geo.Unmatched{{File: "points.csv", Line: 7, Code: "99.99"}},
	}
}

func TestReplaceGeo(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ds := geoFixture(t, db)
		before := time.Now().UTC()
		imp, err := db.ReplaceGeo(ctx, ds, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		if imp.ID != 1 || imp.Boundaries != 2 || imp.Points != 2 || imp.Adjacency != 3 || imp.Unmatched != 1 {
			t.Errorf("import %+v", imp)
		}
		b, err := db.Boundary(ctx, "12")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(b, ds.Boundaries[1]) {
			t.Errorf("Boundary(12) = %+v, want %+v", b, ds.Boundaries[1])
		}
		bs, err := db.Boundaries(ctx, []string{"12", "99", "11"})
		if err != nil || len(bs) != 2 || bs[0].Code != "11" || bs[1].Code != "12" {
			t.Errorf("Boundaries = %v, %v", bs, err)
		}
		p, err := db.Point(ctx, "11.01")
		if err != nil || p != ds.Points[0] {
			t.Errorf("Point(11.01) = %+v, %v", p, err)
		}
		ps, err := db.Points(ctx, []string{"12.01", "11.01"})
		if err != nil || !reflect.DeepEqual(ps, ds.Points) {
			t.Errorf("Points = %+v, %v", ps, err)
		}
		st, err := db.GeoStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Boundaries != 2 || st.Points != 2 || st.Adjacency != 3 || st.LastImport == nil ||
			!st.LastImport.Equal(imp.ImportedAt) || st.LastImport.Before(before.Add(-time.Second)) {
			t.Errorf("GeoStats = %+v (import at %v)", st, imp.ImportedAt)
		}

		// Only the points: boundaries and adjacency stay.
		imp, err = db.ReplaceGeo(ctx, &geo.Dataset{Points: []geo.Point{{Code: "12", Lon: 1, Lat: 2, Kind: "centroid"}}}, "points only")
		if err != nil {
			t.Fatal(err)
		}
		if imp.ID != 2 || imp.Boundaries != sqlstore.Kept || imp.Points != 1 || imp.Adjacency != sqlstore.Kept {
			t.Errorf("points-only import %+v", imp)
		}
		if st, _ := db.GeoStats(ctx); st.Boundaries != 2 || st.Points != 1 || st.Adjacency != 3 {
			t.Errorf("after points-only import: %+v", st)
		}
	})
}

func TestReplaceGeoAllOrNothing(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ds := geoFixture(t, db)
		if _, err := db.ReplaceGeo(ctx, ds, "good"); err != nil {
			t.Fatal(err)
		}
		bad := &geo.Dataset{
			Boundaries: []geo.Boundary{{Code: "11.01", Geometry: []byte(`{}`)}},
			Points:     []geo.Point{},
			Adjacency:  []geo.Adjacency{{A: "11", B: "99.99"}},
		}
		_, err := db.ReplaceGeo(ctx, bad, "bad")
		var e *jalin.Error
		if !errors.As(err, &e) || e.Code != jalin.EInvalid || e.Field != "adjacency" {
			t.Fatalf("ReplaceGeo with unknown region: %v, want EInvalid on adjacency", err)
		}
		st, err := db.GeoStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Boundaries != 2 || st.Points != 2 || st.Adjacency != 3 {
			t.Errorf("geography after failed import: %+v, want 2/2/3", st)
		}
		if _, err := db.Boundary(ctx, "11"); err != nil {
			t.Errorf("old boundary gone: %v", err)
		}
		var n int
		if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM geo_import").Scan(&n); err != nil || n != 1 {
			t.Errorf("geo_import rows = %d, %v; want 1", n, err)
		}
	})
}

func TestNeighbours(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ds := geoFixture(t, db)
		if _, err := db.ReplaceGeo(ctx, ds, "fixture"); err != nil {
			t.Fatal(err)
		}
		for code, want := range map[string][]geo.Adjacency{
			"11.02": {ds.Adjacency[1], ds.Adjacency[2]}, // stored as B, then as A
			"12":    {ds.Adjacency[0]},
			"12.02": {}, // an island
		} {
			got, err := db.Neighbours(ctx, code)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("Neighbours(%s) = %+v, %v; want %+v", code, got, err, want)
			}
		}
	})
}

func TestNotFound(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		geoFixture(t, db)
		_, errB := db.Boundary(ctx, "11")
		_, errP := db.Point(ctx, "11.01")
		_, errN := db.Neighbours(ctx, "99")
		for name, err := range map[string]error{"Boundary": errB, "Point": errP, "Neighbours": errN} {
			if !errors.Is(err, jalin.ErrNotFound) || jalin.ErrorCode(err) != jalin.ENotFound {
				t.Errorf("%s: %v, want one wrapping jalin.ErrNotFound", name, err)
			}
		}
		if st, err := db.GeoStats(ctx); err != nil || st.LastImport != nil {
			t.Errorf("GeoStats before any import = %+v, %v", st, err)
		}
	})
}

// TestTravelTimes stores a travel-time matrix with a geography import,
// keeps it through an import without one, replaces it with the next, and
// refuses one naming an unknown place without touching what is stored.
func TestTravelTimes(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		rs := sqlstoretest.Regions([4]int{1, 2, 2, 0}) // 11; 11.01, 11.02; 11.01.01, 11.02.01
		if err := db.LoadRegions(ctx, rs, "t"); err != nil {
			t.Fatal(err)
		}
		first := []geo.TravelTime{{Place: "11.01.01", Seat: "11.02", Minutes: 25}, {Place: "11.01.01", Seat: "11.01", Minutes: 70.5}}
		imp, err := db.ReplaceGeo(ctx, &geo.Dataset{TravelTimes: first}, "tt.csv")
		if err != nil || imp.TravelTimes != 2 || imp.Points != sqlstore.Kept {
			t.Fatalf("import %+v, %v", imp, err)
		}
		want := map[[2]string]float64{{"11.01.01", "11.02"}: 25, {"11.01.01", "11.01"}: 70.5}
		if got, err := db.TravelTimes(ctx); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("TravelTimes = %v, %v; want %v", got, err, want)
		}
		if imp, err := db.ReplaceGeo(ctx, &geo.Dataset{Points: []geo.Point{}}, "points"); err != nil || imp.TravelTimes != sqlstore.Kept {
			t.Fatalf("points-only import %+v, %v", imp, err)
		}
		if got, _ := db.TravelTimes(ctx); !reflect.DeepEqual(got, want) {
			t.Errorf("travel times after an import without them: %v", got)
		}
		_, err = db.ReplaceGeo(ctx, &geo.Dataset{TravelTimes: []geo.TravelTime{{Place: "11.02.01", Seat: "11.01", Minutes: 9},
			{Place: "99.01.01", Seat: "11.01", Minutes: 9}}}, "bad.csv")
		var e *jalin.Error
		if !errors.As(err, &e) || e.Code != jalin.EInvalid || e.Field != "travel_times" {
			t.Fatalf("unknown place: %v, want EInvalid on travel_times", err)
		}
		if got, _ := db.TravelTimes(ctx); !reflect.DeepEqual(got, want) {
			t.Errorf("travel times after a refused import: %v", got)
		}
		if _, err := db.ReplaceGeo(ctx, &geo.Dataset{TravelTimes: []geo.TravelTime{{Place: "11.02.01", Seat: "11.01", Minutes: 9}}}, "new.csv"); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.TravelTimes(ctx); !reflect.DeepEqual(got, map[[2]string]float64{{"11.02.01", "11.01"}: 9}) {
			t.Errorf("travel times after a new matrix: %v", got)
		}
	})
}

// ImportGeo stores one part for a person: audited, listed in the history
// with the parts it kept, and refused when the import it follows is no
// longer the last (a confirmation sent twice).
func TestImportGeoStaleAndAudited(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		ds := geoFixture(t, db)
		if _, err := db.ReplaceGeo(ctx, ds, "cli"); err != nil {
			t.Fatal(err)
		}
		st, err := db.GeoStats(ctx)
		if err != nil || st.LastImportID != 1 || st.TravelTimes != 0 {
			t.Fatalf("GeoStats = %+v, %v", st, err)
		}
		tt := &geo.Dataset{TravelTimes: []geo.TravelTime{{Place: "11.01", Seat: "11.02", Minutes: 30}}}
		meta := sqlstore.AuditMeta{Actor: access.Actor{UserID: 7, Name: "Analis"}, IP: "192.0.2.9"}
		imp, err := db.ImportGeo(ctx, tt, "travel_times.csv", st.LastImportID, meta)
		if err != nil || imp.ID != 2 || imp.TravelTimes != 1 || imp.Points != sqlstore.Kept {
			t.Fatalf("ImportGeo = %+v, %v", imp, err)
		}
		_, err = db.ImportGeo(ctx, tt, "travel_times.csv", st.LastImportID, meta)
		if jalin.ErrorCode(err) != jalin.EConflict {
			t.Errorf("replayed ImportGeo: %v, want EConflict", err)
		}
		if st, _ := db.GeoStats(ctx); st.LastImportID != 2 || st.TravelTimes != 1 || st.Points != 2 || st.Boundaries != 2 {
			t.Errorf("after import: %+v", st)
		}
		imps, err := db.GeoImports(ctx, 10)
		if err != nil || len(imps) != 2 {
			t.Fatalf("GeoImports = %+v, %v", imps, err)
		}
		if imps[0].ID != 2 || imps[0].Source != "travel_times.csv" || imps[0].TravelTimes != 1 || imps[0].Boundaries != sqlstore.Kept ||
			imps[0].ActorName != "Analis" || imps[1].ActorName != "" ||
			imps[1].Boundaries != 2 || imps[1].TravelTimes != sqlstore.Kept || imps[1].Unmatched != 1 {
			t.Errorf("GeoImports = %+v", imps)
		}
		recs, err := db.AuditHistory(ctx, access.Scope{All: true}, "geo_import", "2", 10)
		if err != nil || len(recs) != 1 || recs[0].Action != "geo.import" || recs[0].ActorName != "Analis" {
			t.Errorf("audit = %+v, %v", recs, err)
		}
		if recs, _ := db.AuditHistory(ctx, access.Scope{All: true}, "geo_import", "1", 10); len(recs) != 0 {
			t.Errorf("the unattributed import was audited: %+v", recs)
		}
	})
}
