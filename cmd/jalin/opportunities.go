package main

import (
	"flag"
	"fmt"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/opportunity/partner"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/web"
)

const opportunitiesUsage = `Usage: jalin opportunities partners --region CODE [--sector S] [--limit N] [--format json|csv]
       jalin opportunities access --region CODE [--format json|csv]
       jalin opportunities clusters [--region CODE] [--province CODE] [--sector S] [--basis base|lisa_hh] [--format json|csv]
       jalin opportunities network [--province CODE] [--state active|planned|expired] [--format json|csv]`

// cmdOpportunities lists a regency's suggested partners or its
// cross-border access pairs, the potential clusters, or the cooperation
// network, from the app's database.
func cmdOpportunities(e env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, opportunitiesUsage)
		return exitUsage
	}
	switch args[0] {
	case "partners", "access":
	case "clusters":
		return cmdClusters(e, args[1:])
	case "network":
		return cmdNetwork(e, args[1:])
	default:
		fmt.Fprintln(e.stderr, opportunitiesUsage)
		return exitUsage
	}
	sub := args[0]
	var code, sector, format string
	var limit int
	cfg, _, rc := parseConfig(e, "opportunities "+sub, args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&code, "region", "", "regency/city code, e.g. 32.73")
		fs.StringVar(&format, "format", "json", "output format: json or csv")
		if sub == "partners" {
			fs.StringVar(&sector, "sector", "", "limit the economic parts to one business field (BPS category code)")
			fs.IntVar(&limit, "limit", partner.DefaultLimit, "number of partners (1 to 514)")
		}
	})
	if rc >= 0 {
		return rc
	}
	if format != "json" && format != "csv" {
		fmt.Fprintf(e.stderr, "jalin opportunities %s: --format must be json or csv, not %q\n", sub, format)
		return exitUsage
	}
	if sub == "partners" && (limit < 1 || limit > 514) {
		fmt.Fprintf(e.stderr, "jalin opportunities partners: --limit must be between 1 and 514, not %d\n", limit)
		return exitUsage
	}
	a, rc := open(e, cfg)
	if rc >= 0 {
		return rc
	}
	defer a.Close()
	reg, ok := a.Regions.Get(code)
	if !ok || reg.Level != region.Regency {
		fmt.Fprintf(e.stderr, "jalin opportunities %s: --region must be a regency/city code, not %q\n", sub, code)
		return exitUsage
	}
	var t *table
	if sub == "partners" {
		d, err := web.BuildPartnerData(e.ctx, a.DB, a.Regions)
		if err != nil {
			fail(e, err)
			return exitFailure
		}
		in := d.Inputs
		// The operator's command sees every cooperation on record.
		if in.Existing, err = web.ExistingCooperations(e.ctx, a.DB, access.Scope{All: true}, reg.Code); err != nil {
			fail(e, err)
			return exitFailure
		}
		sugg, err := partner.Rank(in, reg.Code, partner.DefaultWeights(), partner.Options{Sector: sector, Limit: limit})
		if err != nil {
			fail(e, err)
			return exitUsage
		}
		t = &table{cols: []string{"rank", "partner", "name", "score", partner.PartComplementarity, partner.PartSharedBase,
			partner.PartBorder, partner.PartDistance, partner.PartGravity, partner.PartExisting, "explanation"}}
		for i, s := range sugg {
			row := []any{i + 1, s.Partner, in.Names[s.Partner], s.Score}
			parts := map[string]float64{}
			for _, p := range s.Parts {
				parts[p.Name] = p.Value
			}
			for _, c := range t.cols[4:10] {
				row = append(row, parts[c])
			}
			t.add(append(row, partner.Explain(s, "en", in.Names))...)
		}
	} else {
		d, err := web.BuildAccessData(e.ctx, a.DB, a.Regions)
		if err != nil {
			fail(e, err)
			return exitFailure
		}
		name := regionName(a.Regions)
		t = &table{cols: []string{"direction", "home", "home_name", "other", "other_name", "districts", "villages"}}
		out, in := d.AccessPairs(reg.Code)
		for _, p := range out {
			t.add("outgoing", p.Home, name(p.Home), p.Other, name(p.Other), p.Districts, p.Villages)
		}
		for _, p := range in {
			t.add("incoming", p.Home, name(p.Home), p.Other, name(p.Other), p.Districts, p.Villages)
		}
		fmt.Fprintf(e.stderr, "seats: %d regencies/cities have a seat point; distances are straight lines × 1.3\n", d.Seats)
	}
	if err := t.write(e.stdout, format); err != nil {
		fail(e, err)
		return exitFailure
	}
	return exitOK
}

// regionName returns the name of a code in dir, "" for an unknown one.
func regionName(dir *region.Directory) func(code string) string {
	return func(code string) string {
		r, _ := dir.Get(code)
		return r.Name
	}
}
