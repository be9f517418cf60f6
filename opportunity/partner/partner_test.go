package partner

import (
	"errors"
	"math"
	"strings"
	"testing"

	jalin "github.com/jalin-ksd/jalin"
)

// toy is a hand-made geography on two sectors, A (agriculture) and C
// (manufacturing):
//
//	X 01.01 (110.0,−7.0)  A 0.4 C 1.8  borders Y, W, V, N
//	Y 01.02 (110.5,−7.0)  A 2.1 C 0.5  mirror image of W around X: a tie
//	W 01.03 (109.5,−7.0)  A 2.1 C 0.5
//	V 01.04 (110.0,−7.5)  A 0.4 C 1.8  same structure as X (shared basis)
//	I 01.05 (119.0,−8.5)  A 0.5 C 1.9  an island: no border, ~1000 km away
//	N 01.06 (110.0,−6.5)  no data      no LQ, no mass
const (
	X, Y, W, V, I, N = "01.01", "01.02", "01.03", "01.04", "01.05", "01.06"
)

func toy() Inputs {
	return Inputs{
		Regions: []string{X, Y, W, V, I, N},
		Names:   map[string]string{X: "Kabupaten X", Y: "Kabupaten Y", W: "Kabupaten W", V: "Kabupaten V", I: "Kabupaten Pulau", N: "Kabupaten Baru"},
		Sectors: []string{"A", "C"},
		LQ: LQTable(map[string][]float64{
			X: {0.4, 1.8}, Y: {2.1, 0.5}, W: {2.1, 0.5}, V: {0.4, 1.8}, I: {0.5, 1.9},
		}),
		Borders: map[[2]string]bool{{X, Y}: true, {W, X}: true, {X, V}: true, {N, X}: true},
		Seats: map[string][2]float64{
			X: {110, -7}, Y: {110.5, -7}, W: {109.5, -7}, V: {110, -7.5}, I: {119, -8.5}, N: {110, -6.5},
		},
		Mass: map[string]float64{X: 100, Y: 100, W: 100, V: 100, I: 100},
	}
}

func partners(ss []Suggestion) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Partner
	}
	return out
}

func part(s Suggestion, name string) float64 {
	for _, p := range s.Parts {
		if p.Name == name {
			return p.Value
		}
	}
	return math.NaN()
}

func hasReason(s Suggestion, key string) bool {
	for _, r := range s.Reasons {
		if r.Key == key {
			return true
		}
	}
	return false
}

func mustRank(t *testing.T, in Inputs, region string, w Weights, o Options) []Suggestion {
	t.Helper()
	ss, err := Rank(in, region, w, o)
	if err != nil {
		t.Fatal(err)
	}
	checkSuggestions(t, region, ss)
	return ss
}

// checkSuggestions holds for every ranking: no self pair, parts adding up to
// the score, scores not increasing, ties ordered by code.
func checkSuggestions(t testing.TB, region string, ss []Suggestion) {
	t.Helper()
	for k, s := range ss {
		if s.Partner == region {
			t.Fatalf("%s suggested with itself", region)
		}
		sum := 0.0
		for _, p := range s.Parts {
			sum += p.Weighted
		}
		if math.Abs(sum-s.Score) > 1e-9 {
			t.Fatalf("%s→%s: parts sum %v, score %v", region, s.Partner, sum, s.Score)
		}
		if k > 0 {
			prev := ss[k-1]
			if prev.Score < s.Score || (prev.Score == s.Score && prev.Partner > s.Partner) {
				t.Fatalf("%s: %s (%v) before %s (%v)", region, prev.Partner, prev.Score, s.Partner, s.Score)
			}
		}
	}
}

func TestRankKnownOrder(t *testing.T) {
	ss := mustRank(t, toy(), X, DefaultWeights(), Options{})
	want := []string{Y, W, V, N, I}
	if got := partners(ss); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("order %v, want %v", got, want)
	}
	// Y: A and C both complementary with gaps ≥ 1, so the part is 1.
	if c := part(ss[0], PartComplementarity); c != 1 {
		t.Errorf("complementarity X–Y = %v, want 1", c)
	}
	if g := part(ss[0], PartGravity); math.Abs(g-1) > 1e-9 {
		t.Errorf("gravity of the strongest candidate = %v, want 1", g)
	}
	// V shares the basis in C: 1 of 2 sectors.
	if sb := part(ss[2], PartSharedBase); sb != 0.5 {
		t.Errorf("shared basis X–V = %v, want 0.5", sb)
	}
	// Half-distance 100 km: 0.5° of latitude is 55.6 km, 2^(−0.556) ≈ 0.680.
	if d := part(ss[2], PartDistance); math.Abs(d-0.6801) > 1e-3 {
		t.Errorf("distance part X–V = %v, want ≈ 0.680", d)
	}
}

func TestRankTieBrokenByCode(t *testing.T) {
	ss := mustRank(t, toy(), X, DefaultWeights(), Options{Limit: 2})
	if len(ss) != 2 || ss[0].Score != ss[1].Score {
		t.Fatalf("Y and W mirror each other around X and should tie: %+v", ss)
	}
	if ss[0].Partner != Y || ss[1].Partner != W {
		t.Fatalf("tie order %v, want [%s %s]", partners(ss), Y, W)
	}
	// The same with the region list in another order.
	in := toy()
	in.Regions = []string{N, W, I, V, Y, X}
	if got := partners(mustRank(t, in, X, DefaultWeights(), Options{Limit: 2})); got[0] != Y || got[1] != W {
		t.Fatalf("tie order depends on input order: %v", got)
	}
}

func TestRankIsland(t *testing.T) {
	ss := mustRank(t, toy(), I, DefaultWeights(), Options{Limit: -1})
	if len(ss) != 5 {
		t.Fatalf("island has %d suggestions, want 5", len(ss))
	}
	for _, s := range ss {
		if part(s, PartBorder) != 0 || hasReason(s, ReasonBorder) {
			t.Errorf("island borders %s", s.Partner)
		}
	}
	// Y and W supply A and buy C; Y is the nearer one.
	if ss[0].Partner != Y || ss[1].Partner != W {
		t.Fatalf("island order %v, want Y then W first", partners(ss))
	}
	r := ss[0].Reasons[0]
	if r.Key != ReasonSupply || r.Args[0] != "A" || r.Args[1] != 2.1 || r.Args[2] != 0.5 {
		t.Errorf("first reason %+v, want supply of A (2.1 against 0.5)", r)
	}
}

func TestRankRegionWithoutData(t *testing.T) {
	ss := mustRank(t, toy(), N, DefaultWeights(), Options{})
	if len(ss) != 5 || ss[0].Partner != X {
		t.Fatalf("no-data region ranking %v, want 5 with X (its only neighbour) first", partners(ss))
	}
	for _, s := range ss {
		if part(s, PartComplementarity) != 0 || part(s, PartSharedBase) != 0 || part(s, PartGravity) != 0 {
			t.Errorf("N→%s has economic parts without data: %+v", s.Partner, s.Parts)
		}
		if !hasReason(s, ReasonNoData) {
			t.Errorf("N→%s lacks the no_data reason", s.Partner)
		}
	}
	// And it is a candidate of others, after those with data.
	if got := partners(mustRank(t, toy(), V, DefaultWeights(), Options{})); len(got) != 5 {
		t.Fatalf("V ranking %v", got)
	}
}

func TestRankExisting(t *testing.T) {
	in := toy()
	base := mustRank(t, in, X, DefaultWeights(), Options{Limit: -1})
	in.Existing = map[[2]string]ExistingState{{Y, X}: Active, {X, N}: Expired}
	ss := mustRank(t, in, X, DefaultWeights(), Options{Limit: -1})
	if ss[0].Partner != W {
		t.Fatalf("active cooperation with Y should put W first: %v", partners(ss))
	}
	score := func(ss []Suggestion, p string) float64 {
		for _, s := range ss {
			if s.Partner == p {
				return s.Score
			}
		}
		t.Fatalf("%s missing", p)
		return 0
	}
	w := DefaultWeights().Existing
	if d := score(ss, Y) - score(base, Y); math.Abs(d+w) > 1e-9 {
		t.Errorf("active changed Y by %v, want %v", d, -w)
	}
	if d := score(ss, N) - score(base, N); math.Abs(d-w/2) > 1e-9 {
		t.Errorf("expired changed N by %v, want %v", d, w/2)
	}
}

func TestRankSectorAndUrusan(t *testing.T) {
	for _, o := range []Options{{Sector: "A"}, {Urusan: "3.27"}} {
		ss := mustRank(t, toy(), X, DefaultWeights(), o)
		if ss[0].Partner != Y || part(ss[0], PartComplementarity) != 1 {
			t.Errorf("%+v: top %s with complementarity %v", o, ss[0].Partner, part(ss[0], PartComplementarity))
		}
		for _, r := range ss[0].Reasons {
			if r.Key == ReasonMarket || r.Key == ReasonSupply {
				if r.Args[0] != "A" {
					t.Errorf("%+v: reason about sector %v", o, r.Args[0])
				}
			}
		}
	}
	// An affair without a business field: economy drops out.
	ss := mustRank(t, toy(), X, DefaultWeights(), Options{Urusan: "2.12"})
	for _, s := range ss {
		if part(s, PartComplementarity) != 0 || hasReason(s, ReasonNoData) {
			t.Errorf("urusan 2.12: %+v", s)
		}
	}
}

func TestRankErrors(t *testing.T) {
	bad := DefaultWeights()
	bad.Gravity = -1
	for name, tc := range map[string]struct {
		region string
		w      Weights
		o      Options
		code   jalin.Code
	}{
		"unknown region": {"99.99", DefaultWeights(), Options{}, jalin.ENotFound},
		"negative":       {X, bad, Options{}, jalin.EInvalid},
		"sector":         {X, DefaultWeights(), Options{Sector: "Z"}, jalin.EInvalid},
		"urusan":         {X, DefaultWeights(), Options{Urusan: "9.99"}, jalin.EInvalid},
		"both":           {X, DefaultWeights(), Options{Sector: "A", Urusan: "3.27"}, jalin.EInvalid},
	} {
		_, err := Rank(toy(), tc.region, tc.w, tc.o)
		var je *jalin.Error
		if !errors.As(err, &je) || je.Code != tc.code {
			t.Errorf("%s: error %v, want code %s", name, err, tc.code)
		}
	}
}

func TestRankAllMatchesRank(t *testing.T) {
	in := toy()
	in.Existing = map[[2]string]ExistingState{{X, V}: Expired}
	all, err := RankAll(in, DefaultWeights(), Options{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range in.Regions {
		one := mustRank(t, in, r, DefaultWeights(), Options{Limit: -1})
		if got, want := partners(all[r]), partners(one); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: RankAll %v, Rank %v", r, got, want)
		}
		for k := range one {
			if all[r][k].Score != one[k].Score {
				t.Errorf("%s→%s: RankAll %v, Rank %v", r, one[k].Partner, all[r][k].Score, one[k].Score)
			}
		}
	}
}

func TestExplain(t *testing.T) {
	in := toy()
	in.Existing = map[[2]string]ExistingState{{X, Y}: Expired}
	ss := mustRank(t, in, X, DefaultWeights(), Options{Limit: 1})
	en := Explain(ss[0], "en", in.Names)
	for _, want := range []string{"Kabupaten Y is a base region for Agriculture, Forestry and Fishing (LQ 2.10) and you import it (LQ 0.40)",
		"you are a base region for Manufacturing (LQ 1.80)", "it borders you", "55 km", "renewed"} {
		if !strings.Contains(en, want) {
			t.Errorf("en %q lacks %q", en, want)
		}
	}
	id := Explain(ss[0], "id", in.Names)
	for _, want := range []string{"Kabupaten Y adalah daerah basis Pertanian, Kehutanan, dan Perikanan (LQ 2,10)", "berbatasan langsung", "55 km", "diperpanjang"} {
		if !strings.Contains(id, want) {
			t.Errorf("id %q lacks %q", id, want)
		}
	}
	t.Logf("en: %s", en)
	t.Logf("id: %s", id)
	nd := mustRank(t, in, N, DefaultWeights(), Options{Limit: 1})
	if s := Explain(nd[0], "en", in.Names); !strings.Contains(s, "no GRDP data for Kabupaten Baru") {
		t.Errorf("no-data explanation %q", s)
	}
}
