package partner

import (
	"testing"

	"github.com/jalin-ksd/jalin/internal/realdata"
)

const realYear = realdata.Year

// realInputs builds Inputs for the 514 regencies from the shared real data
// (see internal/realdata): LQ 2019 against the province (flagged rows left
// out, so those regions have no data), GRDP 2019 as gravity mass, seats and
// borders from geo. It skips when the files are absent.
func realInputs(tb testing.TB) Inputs {
	tb.Helper()
	e := realdata.LoadEconomy(tb)
	in := Inputs{Regions: e.Regions, Names: e.Names, Sectors: e.Sectors, LQ: e.LQ, Mass: e.GRDP,
		Seats: realdata.Seats(tb), Borders: map[[2]string]bool{}}
	for _, b := range realdata.Borders(tb) {
		in.Borders[b] = true
	}
	return in
}

func TestRealEveryRegencyRanked(t *testing.T) {
	in := realInputs(t)
	if len(in.Regions) != 514 {
		t.Fatalf("%d regencies, want 514", len(in.Regions))
	}
	all, err := RankAll(in, DefaultWeights(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	noData := 0
	for _, r := range in.Regions {
		ss := all[r]
		if len(ss) != DefaultLimit {
			t.Errorf("%s (%s): %d suggestions", r, in.Names[r], len(ss))
		}
		checkSuggestions(t, r, ss)
		if _, ok := in.LQ(r, 0); !ok {
			noData++
		}
	}
	t.Logf("%d regencies without LQ %d data still ranked", noData, realYear)
	// The whole list, unlimited, covers every other regency once.
	one, err := Rank(in, "32.04", DefaultWeights(), Options{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range one {
		if seen[s.Partner] {
			t.Fatalf("%s twice", s.Partner)
		}
		seen[s.Partner] = true
	}
	if len(one) != 513 {
		t.Fatalf("32.04 has %d candidates, want 513", len(one))
	}
	// Deterministic and equal to Rank for a sample.
	again, _ := RankAll(in, DefaultWeights(), Options{})
	for _, r := range []string{"32.04", in.Regions[0], in.Regions[len(in.Regions)/2], in.Regions[len(in.Regions)-1]} {
		single, err := Rank(in, r, DefaultWeights(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for k := range single {
			if single[k].Partner != all[r][k].Partner || again[r][k].Partner != all[r][k].Partner || single[k].Score != all[r][k].Score {
				t.Fatalf("%s: rankings differ at %d", r, k)
			}
		}
	}
}

func TestRealSectorFilter(t *testing.T) {
	in := realInputs(t)
	all, err := RankAll(in, DefaultWeights(), Options{Sector: "A", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range in.Regions {
		checkSuggestions(t, r, all[r])
		for _, s := range all[r] {
			for _, rs := range s.Reasons {
				if (rs.Key == ReasonSupply || rs.Key == ReasonMarket) && rs.Args[0] != "A" {
					t.Fatalf("%s→%s: reason on sector %v", r, s.Partner, rs.Args[0])
				}
			}
		}
	}
}

func TestRealExplainSamples(t *testing.T) {
	in := realInputs(t)
	for _, tc := range []struct {
		region string
		o      Options
	}{{"32.04", Options{Limit: 2}}, {"33.01", Options{Limit: 1, Sector: "A"}}, {"53.71", Options{Limit: 1}}} {
		ss, err := Rank(in, tc.region, DefaultWeights(), tc.o)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ss {
			t.Logf("%s %s → %s %.3f\n  en: %s\n  id: %s", tc.region, in.Names[tc.region], in.Names[s.Partner], s.Score,
				Explain(s, "en", in.Names), Explain(s, "id", in.Names))
		}
	}
}

func BenchmarkRankAll(b *testing.B) {
	in := realInputs(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := RankAll(in, DefaultWeights(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
