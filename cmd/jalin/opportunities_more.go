package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/opportunity/cluster"
	"github.com/jalin-ksd/jalin/opportunity/network"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/taxonomy"
	"github.com/jalin-ksd/jalin/web"
)

// cmdClusters lists the potential clusters, largest combined GRDP first.
func cmdClusters(e env, args []string) int {
	var code, province, sector, basis, format string
	cfg, _, rc := parseConfig(e, "opportunities clusters", args, func(fs *flag.FlagSet) {
		fs.StringVar(&code, "region", "", "only the clusters this regency/city belongs to, e.g. 32.73")
		fs.StringVar(&province, "province", "", "only the clusters with a member in this province, e.g. 32")
		fs.StringVar(&sector, "sector", "", "one business field (BPS category code)")
		fs.StringVar(&basis, "basis", "", "base (LQ > 1) or lisa_hh (LISA high-high); default both")
		fs.StringVar(&format, "format", "json", "output format: json or csv")
	})
	if rc >= 0 {
		return rc
	}
	usage := func(msg string, args ...any) int {
		fmt.Fprintf(e.stderr, "jalin opportunities clusters: "+msg+"\n", args...)
		return exitUsage
	}
	if format != "json" && format != "csv" {
		return usage("--format must be json or csv, not %q", format)
	}
	if basis != "" && basis != string(cluster.Base) && basis != string(cluster.HighHigh) {
		return usage("--basis must be base or lisa_hh, not %q", basis)
	}
	if sector != "" {
		s, ok := taxonomy.SectorByCode(strings.ToUpper(sector))
		if !ok {
			return usage("--sector: unknown business field %q", sector)
		}
		sector = s.Code
	}
	a, rc := open(e, cfg)
	if rc >= 0 {
		return rc
	}
	defer a.Close()
	if r, ok := a.Regions.Get(code); code != "" && (!ok || r.Level != region.Regency) {
		return usage("--region must be a regency/city code, not %q", code)
	}
	if r, ok := a.Regions.Get(province); province != "" && (!ok || r.Level != region.Province) {
		return usage("--province must be a province code, not %q", province)
	}
	pd, err := web.BuildPartnerData(e.ctx, a.DB, a.Regions)
	if err != nil {
		fail(e, err)
		return exitFailure
	}
	cd, err := web.BuildClusters(pd)
	if err != nil {
		fail(e, err)
		return exitFailure
	}
	if cd.Year == 0 {
		fmt.Fprintln(e.stderr, "no GRDP data imported (jalin import bps): no clusters")
	}
	name := regionName(a.Regions)
	t := &table{cols: []string{"id", "year", "sector", "basis", "members", "member_codes", "member_names", "provinces", "cross_border", "grdp", "missing_grdp", "mean_lq"}}
	for _, c := range cd.Clusters {
		if (sector != "" && c.Sector != sector) || (basis != "" && string(c.Basis) != basis) ||
			(code != "" && !c.Has(code)) || (province != "" && !slices.Contains(c.Provinces, province)) {
			continue
		}
		names := make([]string, len(c.Members))
		for i, m := range c.Members {
			names[i] = name(m)
		}
		t.add(c.ID(), cd.Year, c.Sector, string(c.Basis), len(c.Members), strings.Join(c.Members, " "), strings.Join(names, "; "),
			strings.Join(c.Provinces, " "), c.CrossBorder(), c.GRDP, c.MissingGRDP, c.MeanLQ)
	}
	if err := t.write(e.stdout, format); err != nil {
		fail(e, err)
		return exitFailure
	}
	return exitOK
}

// cmdNetwork lists who cooperates with whom: one row per cooperation on a
// link, then one per regency that cooperates with no other region. The
// operator's command sees every cooperation on record.
func cmdNetwork(e env, args []string) int {
	var province, state, format string
	cfg, _, rc := parseConfig(e, "opportunities network", args, func(fs *flag.FlagSet) {
		fs.StringVar(&province, "province", "", "only links touching this province and its isolated regencies, e.g. 32")
		fs.StringVar(&state, "state", "", "only cooperations in this state: active, planned or expired")
		fs.StringVar(&format, "format", "json", "output format: json or csv")
	})
	if rc >= 0 {
		return rc
	}
	if format != "json" && format != "csv" {
		fmt.Fprintf(e.stderr, "jalin opportunities network: --format must be json or csv, not %q\n", format)
		return exitUsage
	}
	var states []network.State
	if state != "" {
		if !network.State(state).Valid() {
			fmt.Fprintf(e.stderr, "jalin opportunities network: --state must be active, planned or expired, not %q\n", state)
			return exitUsage
		}
		states = []network.State{network.State(state)}
	}
	a, rc := open(e, cfg)
	if rc >= 0 {
		return rc
	}
	defer a.Close()
	if r, ok := a.Regions.Get(province); province != "" && (!ok || r.Level != region.Province) {
		fmt.Fprintf(e.stderr, "jalin opportunities network: --province must be a province code, not %q\n", province)
		return exitUsage
	}
	n, err := web.CoopNetwork(e.ctx, a.DB, access.Scope{All: true}, a.Regions, province, states)
	if err != nil {
		fail(e, err)
		return exitFailure
	}
	name := regionName(a.Regions)
	t := &table{cols: []string{"a", "a_name", "b", "b_name", "link_state", "cooperation_id", "title", "kind", "state", "urusan", "sector"}}
	for _, l := range n.Links {
		for _, c := range l.Coops {
			t.add(l.A, name(l.A), l.B, name(l.B), string(l.State), c.ID, c.Title, c.Kind, string(c.State), strings.Join(c.Urusan, " "), c.Sector)
		}
	}
	for _, c := range n.Isolated {
		t.add(c, name(c), "", "", "none", nil, "", "", "", "", "")
	}
	fmt.Fprintf(e.stderr, "%d links; %d regencies/cities cooperate with no other region\n", len(n.Links), len(n.Isolated))
	if err := t.write(e.stdout, format); err != nil {
		fail(e, err)
		return exitFailure
	}
	return exitOK
}
