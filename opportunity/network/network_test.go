package network

import (
	"slices"
	"strings"
	"testing"
)

func TestBuildKnownNetwork(t *testing.T) {
	regions := []string{"32.73", "32.04", "32.77", "32.01", "33.01"}
	coops := []Coop{
		{ID: 3, Title: "Sampah regional", State: Active, Regions: []string{"32.73", "32.04", "32.77"}},
		{ID: 1, Title: "Air minum", State: Expired, Regions: []string{"32.04", "32.73"}},
		{ID: 2, Title: "Pasar", State: Planned, Regions: []string{"32.73", "33.01", "32.73"}}, // a region twice
		{ID: 4, Title: "Ditolak", State: "", Regions: []string{"32.01", "32.73"}},             // rejected: no state
		{ID: 5, Title: "Dengan universitas", State: Active, Regions: []string{"32.01"}},       // one region only
		{ID: 6, Title: "Provinsi", State: Expired, Regions: []string{"32", "33.01"}},
	}
	n := Build(regions, coops)
	var got []string
	for _, l := range n.Links {
		var ids []string
		for _, c := range l.Coops {
			ids = append(ids, c.Title)
		}
		got = append(got, l.A+"-"+l.B+":"+string(l.State)+":"+strings.Join(ids, ","))
	}
	want := []string{
		"32-33.01:expired:Provinsi",
		"32.04-32.73:active:Air minum,Sampah regional",
		"32.04-32.77:active:Sampah regional",
		"32.73-32.77:active:Sampah regional",
		"32.73-33.01:planned:Pasar",
	}
	if !slices.Equal(got, want) {
		t.Errorf("links\n got %q\nwant %q", got, want)
	}
	if n.Partners["32.73"] != 3 || n.Partners["33.01"] != 2 || n.Partners["32.01"] != 0 {
		t.Errorf("partners %v", n.Partners)
	}
	// 32.01 has a cooperation, but with no other region.
	if !slices.Equal(n.Isolated, []string{"32.01"}) {
		t.Errorf("isolated %v", n.Isolated)
	}
	if l := n.Links[1]; l.Count(Active) != 1 || l.Count(Expired) != 1 || l.Count(Planned) != 0 {
		t.Errorf("counts of %s-%s", l.A, l.B)
	}
}

func TestBuildStateFilterAndTouching(t *testing.T) {
	coops := []Coop{
		{ID: 1, State: Expired, Regions: []string{"32.04", "32.73"}},
		{ID: 2, State: Active, Regions: []string{"35.78", "35.15"}},
	}
	n := Build([]string{"32.04", "32.73", "35.78"}, coops, Active)
	if len(n.Links) != 1 || n.Links[0].A != "35.15" {
		t.Fatalf("active only: %+v", n.Links)
	}
	if !slices.Equal(n.Isolated, []string{"32.04", "32.73"}) {
		t.Errorf("isolated %v", n.Isolated)
	}
	all := Build(nil, coops)
	jabar := all.Touching(func(c string) bool { return strings.HasPrefix(c, "32") })
	if len(jabar) != 1 || jabar[0].B != "32.73" {
		t.Errorf("touching 32: %+v", jabar)
	}
	if len(Build(nil, nil).Links) != 0 {
		t.Error("links from nothing")
	}
}
